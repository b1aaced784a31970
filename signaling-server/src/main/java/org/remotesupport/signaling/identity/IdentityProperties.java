package org.remotesupport.signaling.identity;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts, tokens and API keys under {@code remote-support.identity}, validated at start-up.
 *
 * @param tokenSecret      the HMAC secret that signs every token (at least 32 bytes); every signaling node
 *                         must have the same one. Unset: a random secret is made at start, so tokens die
 *                         with the process and several nodes cannot share them
 * @param tokenTtl         how long a staff token (after sign-in) is valid (default 8 hours)
 * @param customerTokenTtl how long a customer token (from an invite or the help page) is valid (default 4 hours)
 * @param demoAccounts     seed the demo accounts of the README; unset: only into the in-memory account store
 * @param bcryptStrength   BCrypt cost factor for password hashes (4 to 31, default 10)
 * @param apiKeys          keys that integrations send as {@code X-Api-Key} on the REST API (each at least 32
 *                         characters); empty: no integration access
 * @param failedSignInsPerUsername failed sign-ins allowed for one username per window (default 10); more are
 *                         refused (HTTP 429) until the window closes
 * @param failedSignInsPerAddress  failed sign-ins allowed from one client address per window (default 50)
 * @param failedSignInWindow       how long failed sign-ins are counted from the first one (default 15 minutes)
 */
@Validated
@ConfigurationProperties("remote-support.identity")
public record IdentityProperties(
        String tokenSecret,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 30) @DefaultValue("8h") Duration tokenTtl,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 30) @DefaultValue("4h") Duration customerTokenTtl,
        Boolean demoAccounts,
        @Min(4) @Max(31) @DefaultValue("10") int bcryptStrength,
        @NotNull @DefaultValue({}) List<String> apiKeys,
        @Min(1) @Max(1_000_000) @DefaultValue("10") int failedSignInsPerUsername,
        @Min(1) @Max(1_000_000) @DefaultValue("50") int failedSignInsPerAddress,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("15m") Duration failedSignInWindow) {

    /** Shortest API key accepted. */
    public static final int MIN_API_KEY_LENGTH = 32;

    @AssertTrue(message = "must be at least 32 bytes")
    public boolean isTokenSecretLongEnough() {
        return tokenSecret == null || tokenSecret.getBytes(StandardCharsets.UTF_8).length >= TokenSigner.MIN_SECRET_BYTES;
    }

    @AssertTrue(message = "each API key must have at least 32 characters")
    public boolean isApiKeysLongEnough() {
        return apiKeys == null || apiKeys.stream().allMatch(k -> k != null && k.length() >= MIN_API_KEY_LENGTH);
    }
}
