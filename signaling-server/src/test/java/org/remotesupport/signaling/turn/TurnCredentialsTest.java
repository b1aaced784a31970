package org.remotesupport.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ServerMessage;

class TurnCredentialsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void thePasswordIsTheHmacSha1OfTheUsernameInBase64() {
        // RFC 2202, test case 2: HMAC-SHA1("Jefe", "what do ya want for nothing?") = effcdf6a...259a7c79
        assertThat(TurnCredentials.password("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"))
                .isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
    }

    @Test
    void credentialsAreWhatCoturnExpectsForTheParticipantUntilTheTtlRunsOut() {
        TurnCredentials turn = new TurnCredentials(List.of("turn:turn.example.com:3478?transport=udp",
                "turns:turn.example.com:5349"), "north-turn-secret-0123", Duration.ofHours(12),
                Clock.fixed(NOW, ZoneOffset.UTC));

        List<ServerMessage.IceServer> servers = turn.iceServersFor("participant1");

        long expiry = NOW.plus(Duration.ofHours(12)).getEpochSecond();
        assertThat(servers).singleElement().satisfies(server -> {
            assertThat(server.urls()).containsExactly("turn:turn.example.com:3478?transport=udp",
                    "turns:turn.example.com:5349");
            assertThat(server.username()).isEqualTo(expiry + ":participant1");
            assertThat(server.credential()).isEqualTo(TurnCredentials.password(
                    "north-turn-secret-0123".getBytes(StandardCharsets.UTF_8), expiry + ":participant1"));
        });
        // computed independently for 1893456000:participant1
        assertThat(TurnCredentials.password("north-turn-secret-0123".getBytes(StandardCharsets.UTF_8),
                "1893456000:participant1")).isEqualTo("LEUcOLoEojt4zwn4K6+4j9GaVro=");
    }

    @Test
    void withoutUrlsNoServersAreHandedOut() {
        TurnCredentials turn = new TurnCredentials(List.of(), null, Duration.ofHours(1), Clock.systemUTC());

        assertThat(turn.enabled()).isFalse();
        assertThat(turn.iceServersFor("p")).isEmpty();
    }
}
