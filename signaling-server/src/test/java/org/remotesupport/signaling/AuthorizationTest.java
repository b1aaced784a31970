package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.signaling.HttpTestClient.bearer;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * The authorisation rules of the issue, each as a user would run into it: a customer's token is good
 * for its own session only, an agent is who its token says and nobody else, and an invite link works
 * once and not after it expires.
 */
class AuthorizationTest extends SignalingIntegrationTest {

    @Test
    void aCustomerTokenForSessionACannotJoinSignalIntoOrReadSessionB() {
        TestClient agentA = agent("Ana");
        TestClient agentB = agent("Bo");
        ServerMessage.SessionCreated a = create(agentA);
        ServerMessage.SessionCreated b = create(agentB);
        TestClient customerA = customer("Carla", a);
        join(customerA, agentA);
        negotiate(agentB, b.sessionId());
        List<FakeRelayControl.Call> relayCallsInB = relay.callsInSession(b.sessionId());

        // join B: refused, whether named or not, and A's seat stays its own
        customerA.refused(new ClientMessage.SessionJoin("j", b.sessionId()), ErrorCode.FORBIDDEN);
        TestClient sameTokenAgain = track(TestClient.greeted(port, customerA.welcome().token()));
        sameTokenAgain.refused(new ClientMessage.SessionJoin("j", b.sessionId()), ErrorCode.FORBIDDEN);
        // signal into B
        customerA.refused(new ClientMessage.MediaJoin("m", b.sessionId()), ErrorCode.NOT_IN_SESSION);
        customerA.refused(new ClientMessage.MediaAnswer("a", 1, ANSWER_SDP, b.sessionId()), ErrorCode.NOT_IN_SESSION);
        customerA.refused(new ClientMessage.SessionLeave("l", b.sessionId()), ErrorCode.NOT_IN_SESSION);
        // read B (or anything else) through the REST API
        HttpTestClient http = new HttpTestClient(port);
        assertThat(http.get("/api/sessions/" + b.sessionId(), bearer(customerA.welcome().token())).status())
                .isEqualTo(403);
        assertThat(http.get("/api/sessions", bearer(customerA.welcome().token())).status()).isEqualTo(403);
        assertThat(http.get("/api/tickets/" + b.ticketId(), bearer(customerA.welcome().token())).status())
                .isEqualTo(403);

        assertThat(relay.callsInSession(b.sessionId())).isEqualTo(relayCallsInB);
        agentB.assertAliveAndQuiet();
        // session A goes on
        negotiate(customerA, a.sessionId());
    }

    @Test
    void anAgentCannotActAsAnotherAgent() {
        String anaToken = identities.agent("Ana");
        TestClient ana = track(TestClient.greeted(port, anaToken));
        TestClient li = agent("Li");
        ServerMessage.SessionCreated anas = create(ana);
        negotiate(ana, anas.sessionId());

        // the name in hello does not make Li into Ana: the identity is the token's
        TestClient posing = track(TestClient.greeted(port, identities.agent("Li"), "Ana"));
        assertThat(posing.welcome().name()).isEqualTo("Li");
        // Li cannot leave, signal into or end Ana's session
        li.refused(new ClientMessage.SessionLeave("l", anas.sessionId()), ErrorCode.NOT_IN_SESSION);
        li.refused(new ClientMessage.MediaJoin("m", anas.sessionId()), ErrorCode.NOT_IN_SESSION);
        li.refused(new ClientMessage.MediaAnswer("a", 1, ANSWER_SDP, anas.sessionId()), ErrorCode.NOT_IN_SESSION);
        li.refused(new ClientMessage.SessionJoin("j", anas.sessionId()), ErrorCode.FORBIDDEN);

        // nor take over Ana's participant with her resume token after her connection drops
        String anasResumeToken = ana.welcome().resumeToken();
        assertThat(anasResumeToken).isNotBlank();
        ana.abort();
        connect().refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT, identities.agent("Li"), null,
                anasResumeToken), ErrorCode.RESUME_FAILED);
        // Ana herself comes back with her own token
        TestClient back = connect();
        ServerMessage.Welcome welcome = back.request(new ClientMessage.Hello("h", ProtocolVersion.CURRENT, anaToken,
                null, anasResumeToken), ServerMessage.Welcome.class);
        assertThat(welcome.resumed()).isTrue();
        assertThat(welcome.participantId()).isEqualTo(ana.participantId());
    }

    @Test
    void aReusedInviteLinkIsRefusedWithAClearMessage() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        customer("Carla", created);

        ServerMessage.Error refused = connect().refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT,
                TestIdentities.inviteToken(created.link())), ErrorCode.INVITE_USED);

        assertThat(refused.message()).isEqualTo("this link was already used; each link works once, so ask for a new one");
        HttpTestClient.Response page = new HttpTestClient(port).get("/s/" + TestIdentities.inviteToken(created.link()),
                java.util.Map.of());
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.text()).contains("This link was already used");
    }

    @Test
    void anExpiredInviteLinkIsRefusedWithAClearMessage() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        clock.advance(Duration.ofMinutes(61));

        ServerMessage.Error refused = connect().refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT,
                TestIdentities.inviteToken(created.link())), ErrorCode.INVITE_EXPIRED);

        assertThat(refused.message()).isEqualTo("this link has expired; ask the agent or the shop for a new one");
        HttpTestClient.Response page = new HttpTestClient(port).get("/s/" + TestIdentities.inviteToken(created.link()),
                java.util.Map.of());
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.text()).contains("This link has expired");
    }
}
