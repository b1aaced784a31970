package org.remotesupport.signaling.turn;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TURN servers handed to clients, under {@code remote-support.turn}, validated at start-up. TURN is
 * configured when {@code urls} is not empty; the secret is coturn's {@code static-auth-secret}.
 *
 * @param urls   TURN URLs, e.g. {@code turn:turn.example.com:3478?transport=udp}, {@code turns:turn.example.com:5349}
 * @param secret the secret shared with coturn ({@code use-auth-secret}, {@code static-auth-secret})
 * @param ttl    how long handed-out credentials stay valid (default 12 hours; a call that outlasts them
 *               keeps its allocation until it must be refreshed)
 */
@Validated
@ConfigurationProperties("remote-support.turn")
public record TurnProperties(
        @NotNull @DefaultValue({}) List<String> urls,
        String secret,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 7) @DefaultValue("12h") Duration ttl) {

    /** Whether TURN is configured. */
    public boolean enabled() {
        return urls != null && !urls.isEmpty();
    }

    @AssertTrue(message = "TURN urls need a secret of at least 16 characters")
    public boolean isSecretSetWhenEnabled() {
        return !enabled() || (secret != null && secret.length() >= 16);
    }

    @AssertTrue(message = "every TURN url must start with turn: or turns:")
    public boolean isUrlsValid() {
        return urls == null || urls.stream().allMatch(u -> u != null && (u.startsWith("turn:") || u.startsWith("turns:")));
    }
}
