package org.remotesupport.signaling.turn;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * @param iceTransportPolicy the {@code iceTransportPolicy} clients give their {@code RTCPeerConnection}:
 *               {@code all} (default: direct to the relay when possible, TURN otherwise) or {@code relay}
 *               (media only through the TURN servers, for networks where direct UDP to the relay never works)
 */
@Validated
@ConfigurationProperties("remote-support.turn")
public record TurnProperties(
        @NotNull @DefaultValue({}) List<String> urls,
        String secret,
        @NotNull @DurationMin(minutes = 1) @DurationMax(days = 7) @DefaultValue("12h") Duration ttl,
        @NotNull @Pattern(regexp = "all|relay", message = "must be all or relay") @DefaultValue("all")
        String iceTransportPolicy) {

    /** Whether TURN is configured. */
    public boolean enabled() {
        return urls != null && !urls.isEmpty();
    }

    @AssertTrue(message = "TURN urls need a secret of at least 16 characters")
    public boolean isSecretSetWhenEnabled() {
        return !enabled() || (secret != null && secret.length() >= 16);
    }

    @AssertTrue(message = "ice-transport-policy relay needs TURN urls: without them no client could connect")
    public boolean isRelayPolicyWithTurn() {
        return !"relay".equals(iceTransportPolicy) || enabled();
    }

    @AssertTrue(message = "every TURN url must start with turn: or turns:")
    public boolean isUrlsValid() {
        return urls == null || urls.stream().allMatch(u -> u != null && (u.startsWith("turn:") || u.startsWith("turns:")));
    }
}
