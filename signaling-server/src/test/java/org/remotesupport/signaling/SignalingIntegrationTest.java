package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that talk to a running server over real WebSockets; they share one application
 * context. Clients opened through {@link #agent} and {@link #customer} are closed after each test.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SignalingIntegrationTest {

    static final String ANSWER_SDP = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendonly", "a=setup:active",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sendonly", "a=setup:active", "");

    @LocalServerPort
    int port;

    @Autowired
    FakeRelayControl relay;

    @Autowired
    MutableClock clock;

    @Autowired
    TestIdentities identities;

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    TestClient connect() {
        return track(TestClient.connect(port));
    }

    TestClient agent(String name) {
        return track(TestClient.greeted(port, identities.agent(name)));
    }

    /** A customer who entered through the invite of this session (not yet joined). */
    TestClient customer(String name, ServerMessage.SessionCreated invitedTo) {
        return track(TestClient.greeted(port, TestIdentities.inviteToken(invitedTo.link()), name));
    }

    /** A customer whose token names a ticket but no session (the help page's, or a queue invite's). */
    TestClient queuedCustomer(String name) {
        return track(TestClient.greeted(port, identities.queuedCustomer(name)));
    }

    TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    static ServerMessage.SessionCreated create(TestClient agent) {
        return agent.request(new ClientMessage.SessionCreate(agent.nextId()), ServerMessage.SessionCreated.class);
    }

    /** A customer enters by the session's invite and joins; the other members' {@code participant.joined} are consumed. */
    ServerMessage.SessionJoined enter(String name, ServerMessage.SessionCreated created, TestClient... others) {
        return join(customer(name, created), others);
    }

    /** The customer joins its session; the other members' {@code participant.joined} are consumed. */
    static ServerMessage.SessionJoined join(TestClient customer, TestClient... others) {
        ServerMessage.SessionJoined joined = customer.request(new ClientMessage.SessionJoin(customer.nextId()),
                ServerMessage.SessionJoined.class);
        for (TestClient other : others) {
            assertThat(other.next(ServerMessage.ParticipantJoined.class).participant().participantId())
                    .isEqualTo(customer.participantId());
        }
        return joined;
    }

    /** {@code media.join} then {@code media.answer} to the first offer; returns that offer. */
    static ServerMessage.MediaOffer negotiate(TestClient client, String sessionId) {
        ServerMessage.MediaOffer offer = client.request(new ClientMessage.MediaJoin(client.nextId(), sessionId),
                ServerMessage.MediaOffer.class);
        client.request(new ClientMessage.MediaAnswer(client.nextId(), offer.revision(), ANSWER_SDP, sessionId),
                ServerMessage.MediaAccepted.class);
        return offer;
    }

    static String endpoint(String sessionId, TestClient client) {
        return sessionId + "." + client.participantId();
    }
}
