package org.remotesupport.protocol.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {

    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void optionalSessionIdMayBeOmitted() throws Exception {
        assertThat(codec.readClient("{\"type\":\"media.join\",\"id\":\"7\"}"))
                .isEqualTo(new ClientMessage.MediaJoin("7", null));
        assertThat(codec.readClient("{\"type\":\"session.leave\"}"))
                .isEqualTo(new ClientMessage.SessionLeave(null));
        assertThat(codec.readClient("{\"type\":\"media.answer\",\"revision\":2,\"sdp\":\"v=0\",\"sessionId\":\"s\"}"))
                .isEqualTo(new ClientMessage.MediaAnswer(null, 2, "v=0", "s"));
    }

    @Test
    void everyClientMessageSurvivesARoundTrip() throws Exception {
        List<ClientMessage> messages = List.of(
                new ClientMessage.Hello("1", 2, "eyJ0.eyJz.c2ln", "Ana"),
                new ClientMessage.SessionCreate("2"),
                new ClientMessage.SessionCreate("2", "A-1", "Espresso 300", "coffee-machines", "es"),
                new ClientMessage.CustomerInvite("2", "A-1", "Espresso 300", "coffee-machines", "es", "vip", "high", "ana"),
                new ClientMessage.SessionJoin("3", "s1"),
                new ClientMessage.SessionLeave("4", "s1"),
                new ClientMessage.MediaJoin("5", "s1"),
                new ClientMessage.MediaAnswer("6", 3, "v=0\r\n", "s1"),
                new ClientMessage.Ping("7"));
        for (ClientMessage message : messages) {
            assertThat(codec.readClient(codec.write(message))).isEqualTo(message);
        }
    }

    @Test
    void everyServerMessageSurvivesARoundTrip() throws Exception {
        var participant = new ServerMessage.Participant("p1", "agent", "Ana");
        List<ServerMessage> messages = List.of(
                new ServerMessage.Welcome("1", 2, "p1", 60_000, 65_536, "r1", 60_000, true, "customer", "Carla", "t1", "s1", "tok", 42L,
                        List.of(new ServerMessage.IceServer(List.of("turn:turn.example.com"), "42:p1", "c3Q=")), "relay"),
                new ServerMessage.SessionCreated("2", "s1", "https://x/s/tok", 42L, "t1"),
                new ServerMessage.CustomerInvited("2", "i1", "https://x/s/tok", 42L, "t1"),
                new ServerMessage.SessionJoined("3", "s1", "customer", List.of(participant)),
                new ServerMessage.SessionLeft("4", "s1"),
                new ServerMessage.ParticipantJoined(null, "s1", participant),
                new ServerMessage.ParticipantLeft(null, "s1", "p1"),
                new ServerMessage.SessionEnded(null, "s1", "agent_left"),
                new ServerMessage.MediaOffer("5", "s1", 1, "v=0\r\n", Map.of("audio", "0")),
                new ServerMessage.MediaAccepted("6", 1, "s1"),
                new ServerMessage.MediaState(null, "s1", "p1", "connected"),
                new ServerMessage.Pong("7"),
                new ServerMessage.Error("8", ErrorCode.INVALID_FIELD.wire(), "name is required"));
        for (ServerMessage message : messages) {
            assertThat(codec.readServer(codec.write(message))).isEqualTo(message);
        }
    }

    @Test
    void absentReplyToIsLeftOut() {
        assertThat(codec.write(new ServerMessage.Pong(null))).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void errorCodesHaveDistinctWireNames() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromWire(code.wire())).contains(code);
        }
    }
}
