package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * Two sessions side by side: whatever the participants of the second one send, and whatever the
 * relay says about the first one, the second session's participants never see or change the first.
 */
class SessionIsolationTest extends SignalingIntegrationTest {

    TestClient firstAgent;
    TestClient firstCustomer;
    TestClient secondAgent;
    TestClient secondCustomer;
    ServerMessage.SessionCreated first;
    ServerMessage.SessionCreated second;

    @BeforeEach
    void twoSessionsWithMedia() {
        firstAgent = agent("Ana");
        secondAgent = agent("Bo");
        first = create(firstAgent);
        second = create(secondAgent);
        firstCustomer = customer("Carla", first);
        secondCustomer = customer("Dan", second);
        join(firstCustomer, firstAgent);
        join(secondCustomer, secondAgent);
        for (TestClient client : List.of(firstAgent, firstCustomer)) {
            negotiate(client, first.sessionId());
        }
        for (TestClient client : List.of(secondAgent, secondCustomer)) {
            negotiate(client, second.sessionId());
        }
    }

    @Test
    void theOtherSessionsParticipantsCannotActOnIt() {
        List<FakeRelayControl.Call> before = relay.callsInSession(first.sessionId());
        String firstId = first.sessionId();

        for (TestClient outsider : List.of(secondAgent, secondCustomer)) {
            outsider.refused(new ClientMessage.SessionLeave("l", firstId), ErrorCode.NOT_IN_SESSION);
            outsider.refused(new ClientMessage.MediaJoin("m", firstId), ErrorCode.NOT_IN_SESSION);
            outsider.refused(new ClientMessage.MediaAnswer("a", 1, ANSWER_SDP, firstId), ErrorCode.NOT_IN_SESSION);
        }
        // a customer token is for one session: naming another is refused, whoever sends it
        secondAgent.refused(new ClientMessage.SessionJoin("j", firstId), ErrorCode.FORBIDDEN);
        secondCustomer.refused(new ClientMessage.SessionJoin("j", firstId), ErrorCode.FORBIDDEN);
        queuedCustomer("Eve").refused(new ClientMessage.SessionJoin("j", firstId), ErrorCode.FORBIDDEN);
        // and the first session's seat is taken: its link and its customer's token let no one else in
        track(TestClient.greeted(port, firstCustomer.welcome().token(), "Eve"))
                .refused(new ClientMessage.SessionJoin("j", firstId), ErrorCode.NOT_IN_SESSION);

        assertThat(relay.callsInSession(firstId)).isEqualTo(before);
        firstAgent.assertAliveAndQuiet();
        firstCustomer.assertAliveAndQuiet();
        // the first session still works
        relay.reoffer(endpoint(firstId, firstCustomer));
        ServerMessage.MediaOffer reoffer = firstCustomer.next(ServerMessage.MediaOffer.class);
        firstCustomer.request(new ClientMessage.MediaAnswer("a", reoffer.revision(), ANSWER_SDP),
                ServerMessage.MediaAccepted.class);
    }

    @Test
    void relayEventsOfOneSessionReachOnlyItsParticipants() {
        relay.reoffer(endpoint(first.sessionId(), firstAgent));
        relay.changeState(endpoint(first.sessionId(), firstCustomer), RelayEvents.EndpointState.CONNECTED);

        assertThat(firstAgent.next(ServerMessage.MediaOffer.class).sessionId()).isEqualTo(first.sessionId());
        assertThat(firstAgent.next(ServerMessage.MediaState.class).participantId()).isEqualTo(firstCustomer.participantId());
        assertThat(firstCustomer.next(ServerMessage.MediaState.class).sessionId()).isEqualTo(first.sessionId());
        secondAgent.assertAliveAndQuiet();
        secondCustomer.assertAliveAndQuiet();
    }

    @Test
    void relayEventsNamingAParticipantOfAnotherSessionAreDropped() {
        // endpoint ids pair a session with a participant; a pair that was never allocated reaches no one
        relay.changeState(first.sessionId() + "." + secondCustomer.participantId(), RelayEvents.EndpointState.CONNECTED);
        relay.changeState("garbage", RelayEvents.EndpointState.DISCONNECTED);
        relay.changeState(second.sessionId() + "." + secondCustomer.participantId(), RelayEvents.EndpointState.DISCONNECTED);

        // the last, legitimate event is delivered after the others were handled in order
        assertThat(secondCustomer.next(ServerMessage.MediaState.class).state()).isEqualTo("disconnected");
        assertThat(secondAgent.next(ServerMessage.MediaState.class).state()).isEqualTo("disconnected");
        firstAgent.assertAliveAndQuiet();
        firstCustomer.assertAliveAndQuiet();
    }

    @Test
    void leavingAndEndingOneSessionLeavesTheOtherAlone() {
        secondCustomer.request(new ClientMessage.SessionLeave("l"), ServerMessage.SessionLeft.class);
        assertThat(secondAgent.next(ServerMessage.ParticipantLeft.class).sessionId()).isEqualTo(second.sessionId());
        assertThat(secondAgent.next(ServerMessage.SessionEnded.class).sessionId()).isEqualTo(second.sessionId());
        secondAgent.close();

        firstAgent.assertAliveAndQuiet();
        firstCustomer.assertAliveAndQuiet();
        assertThat(relay.isAllocated(endpoint(first.sessionId(), firstAgent))).isTrue();
        assertThat(relay.isAllocated(endpoint(first.sessionId(), firstCustomer))).isTrue();
    }
}
