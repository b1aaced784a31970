package org.remotesupport.signaling.entry;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;

import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AttemptCounter;
import org.remotesupport.signaling.identity.TokenSigner;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The help page entry and where photos go (a directory when {@code remote-support.entry.photo-dir} is
 * set, memory otherwise, unless the application provides its own {@link PhotoStore}); imported by the
 * signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EntryProperties.class)
public class EntryConfiguration {

    @Bean
    @ConditionalOnMissingBean(PhotoStore.class)
    PhotoStore photoStore(EntryProperties properties) {
        return properties.photoDir() != null ? new DiskPhotoStore(properties.photoDir()) : new InMemoryPhotoStore();
    }

    @Bean
    RouterFunction<ServerResponse> helpEntryRoutes(TicketStore tickets, PhotoStore photos, AccessTokens tokens,
                                                   TokenSigner signer, AttemptCounter attempts,
                                                   EntryProperties properties, ObjectProvider<Clock> clock) {
        return new HelpEntry(tickets, photos, tokens, signer, properties.maxPhotoSize().toBytes(), attempts,
                properties.submissionsPerAddress(), properties.submissionWindow(),
                clock.getIfAvailable(Clock::systemUTC)).routes();
    }
}
