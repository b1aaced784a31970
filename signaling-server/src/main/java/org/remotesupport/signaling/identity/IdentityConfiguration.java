package org.remotesupport.signaling.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.StringUtils;

/**
 * Beans of accounts and tokens: the token signer (with the configured secret, or a random one and a
 * warning on a single node; with Redis configured, a missing secret stops the start), access tokens, the password encoder and sign-in, and the demo accounts when they are
 * wanted. Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);
    /** Read here as text, not through the Redis settings, so that identity does not depend on the store package. */
    private static final String REDIS_URI_PROPERTY = "remote-support.redis.uri";

    @Bean
    TokenSigner tokenSigner(IdentityProperties properties, Environment environment, ObjectProvider<Clock> clock) {
        SecureRandom random = new SecureRandom();
        byte[] secret;
        if (properties.tokenSecret() == null && StringUtils.hasText(environment.getProperty(REDIS_URI_PROPERTY))) {
            // each node would make its own random secret, and a token from one would be refused by the others
            throw new IllegalStateException(REDIS_URI_PROPERTY + " is set, so several signaling nodes may share this "
                    + "Redis, but remote-support.identity.token-secret is not: set the same secret (at least 32 bytes) "
                    + "on every node, e.g. REMOTE_SUPPORT_IDENTITY_TOKEN_SECRET=$(openssl rand -base64 48)");
        }
        if (properties.tokenSecret() != null) {
            secret = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[TokenSigner.MIN_SECRET_BYTES];
            random.nextBytes(secret);
            log.warn("remote-support.identity.token-secret is not set: tokens are signed with a random secret made "
                    + "at start, so they end with this process and other signaling nodes reject them. "
                    + "Set the same secret on every node.");
        }
        return new TokenSigner(secret, clock.getIfAvailable(Clock::systemUTC), random);
    }

    @Bean
    AccessTokens accessTokens(TokenSigner signer, IdentityProperties properties) {
        return new AccessTokens(signer, properties.tokenTtl(), properties.customerTokenTtl());
    }

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    @Bean
    PasswordLogin passwordLogin(AccountStore accounts, PasswordEncoder encoder, AttemptCounter attempts,
                                IdentityProperties properties, ObjectProvider<Clock> clock) {
        boolean seed = properties.demoAccounts() != null
                ? properties.demoAccounts()
                : accounts instanceof InMemoryAccountStore;
        if (seed) {
            DemoAccounts.seed(accounts, encoder);
        }
        return new PasswordLogin(accounts, encoder, attempts, new PasswordLogin.Limits(
                properties.failedSignInsPerUsername(), properties.failedSignInsPerAddress(),
                properties.failedSignInWindow()), clock.getIfAvailable(Clock::systemUTC));
    }
}
