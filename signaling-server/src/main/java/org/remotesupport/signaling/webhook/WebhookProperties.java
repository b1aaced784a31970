package org.remotesupport.signaling.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signed webhooks on session events under {@code remote-support.webhooks}, validated at start-up.
 *
 * @param endpoints      where events are posted, each with its own signing secret; empty: none
 * @param maxAttempts    how many times one event is tried at one endpoint before it is given up (default 6)
 * @param initialBackoff the wait before the second attempt; it doubles after each failure (default 1 s)
 * @param maxBackoff     the longest wait between two attempts (default 5 minutes)
 * @param timeout        how long one attempt may take (default 10 s)
 * @param maxPending     deliveries waiting for an attempt at most; beyond it new events are dropped and
 *                       counted, so a dead endpoint cannot exhaust memory (default 10000)
 */
@Validated
@ConfigurationProperties("remote-support.webhooks")
public record WebhookProperties(
        @NotNull @Valid @DefaultValue({}) List<Endpoint> endpoints,
        @Min(1) @Max(20) @DefaultValue("6") int maxAttempts,
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("1s") Duration initialBackoff,
        @NotNull @DurationMin(millis = 1) @DurationMax(days = 1) @DefaultValue("5m") Duration maxBackoff,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("10s") Duration timeout,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxPending) {

    /**
     * One receiver.
     *
     * @param url    an http or https URL
     * @param secret the HMAC-SHA256 key of the signature header, at least 16 characters
     */
    public record Endpoint(@NotNull URI url, @NotNull String secret) {

        @AssertTrue(message = "url must be an absolute http or https URL and secret must have at least 16 characters")
        public boolean isValid() {
            return url != null && url.isAbsolute() && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    && secret != null && secret.length() >= 16;
        }
    }
}
