package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.ticket.TicketStore;
import org.springframework.beans.factory.annotation.Autowired;

class SignalingFlowTest extends SignalingIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    TicketStore tickets;

    @Test
    void helloIsAnsweredWithTheParticipantIdTheLimitsAndWhoTheTokenSays() {
        TestClient client = connect();
        ServerMessage.Welcome welcome = client.request(
                new ClientMessage.Hello("h", ProtocolVersion.CURRENT, identities.agent("Ana"), "  Someone else  "),
                ServerMessage.Welcome.class);

        assertThat(welcome.v()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(welcome.participantId()).matches("[a-z0-9]{20}");
        assertThat(welcome.idleTimeoutMs()).isEqualTo(60_000);
        assertThat(welcome.maxMessageBytes()).isEqualTo(64 * 1024);
        // an agent is who the account says, whatever name hello gives
        assertThat(welcome.role()).isEqualTo("agent");
        assertThat(welcome.name()).isEqualTo("Ana");
        assertThat(welcome.token()).isNull();
        assertThat(welcome.iceServers()).isNull();
    }

    @Test
    void aCustomerEntersByTheInviteAndGetsATokenForItsTicketAndSession() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate("c", "A-1001",
                "Espresso 300", "coffee-machines", "es"), ServerMessage.SessionCreated.class);

        TestClient customer = customer("  Carla  ", created);

        ServerMessage.Welcome welcome = customer.welcome();
        assertThat(welcome.role()).isEqualTo("customer");
        assertThat(welcome.name()).isEqualTo("Carla");
        assertThat(welcome.ticketId()).isEqualTo(created.ticketId());
        assertThat(welcome.sessionId()).isEqualTo(created.sessionId());
        assertThat(welcome.token()).isNotBlank();
        assertThat(welcome.tokenExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(4)).toEpochMilli());
        assertThat(tickets.find(created.ticketId())).get().satisfies(ticket -> {
            assertThat(ticket.orderNumber()).isEqualTo("A-1001");
            assertThat(ticket.category()).isEqualTo("coffee-machines");
            assertThat(ticket.language()).isEqualTo("es");
            // the invite is bound to the agent who made it
            assertThat(ticket.agent()).startsWith("ana-");
        });
        // the customer's own token lets it back in (a reload) without the used-up link
        TestClient reloaded = track(TestClient.greeted(port, welcome.token()));
        assertThat(reloaded.welcome().ticketId()).isEqualTo(created.ticketId());
        assertThat(reloaded.welcome().name()).isEqualTo("Carla");
        join(reloaded, agent);
    }

    @Test
    void agentCreatesCustomerJoinsBothNegotiateMediaWithReoffersAndLeave() {
        TestClient agent = agent("Ana");

        ServerMessage.SessionCreated created = create(agent);
        String sessionId = created.sessionId();
        assertThat(created.link()).startsWith("http://localhost:" + port + "/s/");
        assertThat(created.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(60)).toEpochMilli());
        TestClient customer = customer("Carla", created);

        ServerMessage.SessionJoined joined = customer.request(
                new ClientMessage.SessionJoin("j1"), ServerMessage.SessionJoined.class);
        assertThat(joined.sessionId()).isEqualTo(sessionId);
        assertThat(joined.role()).isEqualTo("customer");
        assertThat(joined.participants()).containsExactly(
                new ServerMessage.Participant(agent.participantId(), "agent", "Ana"),
                new ServerMessage.Participant(customer.participantId(), "customer", "Carla"));
        assertThat(agent.next()).isEqualTo(new ServerMessage.ParticipantJoined(null, sessionId,
                new ServerMessage.Participant(customer.participantId(), "customer", "Carla")));

        // the customer is in one session only, so it need not name it
        ServerMessage.MediaOffer customerOffer = customer.request(new ClientMessage.MediaJoin("mj"),
                ServerMessage.MediaOffer.class);
        String customerEndpoint = endpoint(sessionId, customer);
        assertThat(customerOffer.sessionId()).isEqualTo(sessionId);
        assertThat(customerOffer.revision()).isEqualTo(1);
        assertThat(customerOffer.sdp()).isEqualTo(FakeRelayControl.offerSdp(customerEndpoint, 1));
        assertThat(customerOffer.uplink()).isEqualTo(Map.of("audio", "0", "video", "1"));
        assertThat(customer.request(new ClientMessage.MediaAnswer("ma", 1, ANSWER_SDP), ServerMessage.MediaAccepted.class))
                .isEqualTo(new ServerMessage.MediaAccepted("ma", 1, sessionId));
        assertThat(relay.callsFor(customerEndpoint)).containsExactly(
                new FakeRelayControl.Call("allocate", sessionId, customerEndpoint, 0, null),
                new FakeRelayControl.Call("answer", null, customerEndpoint, 1, ANSWER_SDP));

        negotiate(agent, null);
        String agentEndpoint = endpoint(sessionId, agent);

        // the customer publishes, so the relay re-offers to the agent on its own
        relay.reoffer(agentEndpoint);
        ServerMessage.MediaOffer reoffer = agent.next(ServerMessage.MediaOffer.class);
        assertThat(reoffer.replyTo()).isNull();
        assertThat(reoffer.sessionId()).isEqualTo(sessionId);
        assertThat(reoffer.revision()).isEqualTo(2);
        assertThat(reoffer.sdp()).isEqualTo(FakeRelayControl.offerSdp(agentEndpoint, 2));
        assertThat(agent.request(new ClientMessage.MediaAnswer("a2", 2, ANSWER_SDP), ServerMessage.MediaAccepted.class)
                .revision()).isEqualTo(2);

        relay.changeState(customerEndpoint, RelayEvents.EndpointState.CONNECTED);
        ServerMessage.MediaState connected = new ServerMessage.MediaState(null, sessionId, customer.participantId(), "connected");
        assertThat(agent.next()).isEqualTo(connected);
        assertThat(customer.next()).isEqualTo(connected);

        assertThat(customer.request(new ClientMessage.SessionLeave("bye"), ServerMessage.SessionLeft.class))
                .isEqualTo(new ServerMessage.SessionLeft("bye", sessionId));
        assertThat(agent.next()).isEqualTo(new ServerMessage.ParticipantLeft(null, sessionId, customer.participantId()));
        // the session was the customer's: it ends with its customer
        assertThat(agent.next()).isEqualTo(new ServerMessage.SessionEnded(null, sessionId, "customer_left"));
        assertThat(relay.isAllocated(customerEndpoint)).isFalse();
        assertThat(relay.isAllocated(agentEndpoint)).isFalse();
        agent.assertAliveAndQuiet();
        customer.assertAliveAndQuiet();
    }

    @Test
    void whenTheAgentLeavesTheSessionEndsForEveryoneAndAllEndpointsAreReleased() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        String sessionId = created.sessionId();
        TestClient customer = customer("Carla", created);
        join(customer, agent);
        negotiate(agent, sessionId);
        negotiate(customer, sessionId);

        agent.request(new ClientMessage.SessionLeave("end", sessionId), ServerMessage.SessionLeft.class);

        assertThat(customer.next()).isEqualTo(new ServerMessage.SessionEnded(null, sessionId, "agent_left"));
        assertThat(relay.isAllocated(endpoint(sessionId, agent))).isFalse();
        assertThat(relay.isAllocated(endpoint(sessionId, customer))).isFalse();
        customer.refused(new ClientMessage.SessionLeave("again"), ErrorCode.NOT_IN_SESSION);
        // its seat is gone with the session
        customer.refused(new ClientMessage.SessionJoin("j"), ErrorCode.NOT_IN_SESSION);
        customer.assertAliveAndQuiet();
    }

    @Test
    void aCustomerWhoseSocketClosesLeavesTheSession() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        TestClient customer = customer("Carla", created);
        join(customer, agent);
        negotiate(customer, null);

        customer.close();

        assertThat(agent.next()).isEqualTo(
                new ServerMessage.ParticipantLeft(null, created.sessionId(), customer.participantId()));
        assertThat(agent.next()).isEqualTo(
                new ServerMessage.SessionEnded(null, created.sessionId(), "customer_disconnected"));
        assertThat(relay.isAllocated(endpoint(created.sessionId(), customer))).isFalse();
        agent.assertAliveAndQuiet();
    }

    @Test
    void anAgentWhoseSocketClosesEndsItsSessions() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        TestClient customer = customer("Carla", created);
        join(customer, agent);
        negotiate(agent, null);

        agent.close();

        assertThat(customer.next()).isEqualTo(
                new ServerMessage.SessionEnded(null, created.sessionId(), "agent_disconnected"));
        assertThat(relay.isAllocated(endpoint(created.sessionId(), agent))).isFalse();
    }

    @Test
    void anInviteLinkIsSingleUse() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        enter("Carla", created, agent);

        ServerMessage.Error refused = connect().refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT,
                TestIdentities.inviteToken(created.link()), "Mallory"), ErrorCode.INVITE_USED);

        assertThat(refused.message()).contains("already used");
        agent.assertAliveAndQuiet();
    }

    @Test
    void anInviteLinkExpires() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);

        clock.advance(Duration.ofMinutes(60));

        ServerMessage.Error refused = connect().refused(new ClientMessage.Hello("h", ProtocolVersion.CURRENT,
                TestIdentities.inviteToken(created.link()), "Carla"), ErrorCode.INVITE_EXPIRED);
        assertThat(refused.message()).contains("expired");
        agent.assertAliveAndQuiet();
    }

    @Test
    void anAgentMayHoldSeveralSessionsAndNamesTheOneAMessageIsAbout() {
        TestClient agent = agent("Ana");
        String first = create(agent).sessionId();
        String second = create(agent).sessionId();

        ServerMessage.Error ambiguous = agent.refused(new ClientMessage.MediaJoin("m"), ErrorCode.INVALID_FIELD);
        assertThat(ambiguous.message()).contains("sessionId");

        negotiate(agent, second);
        assertThat(relay.isAllocated(endpoint(second, agent))).isTrue();
        assertThat(relay.isAllocated(endpoint(first, agent))).isFalse();
        negotiate(agent, first);
        assertThat(relay.isAllocated(endpoint(first, agent))).isTrue();

        agent.request(new ClientMessage.SessionLeave("l", first), ServerMessage.SessionLeft.class);
        assertThat(relay.isAllocated(endpoint(first, agent))).isFalse();
        assertThat(relay.isAllocated(endpoint(second, agent))).isTrue();
        // one session left: naming it is optional again
        assertThat(agent.request(new ClientMessage.SessionLeave("l2"), ServerMessage.SessionLeft.class).sessionId())
                .isEqualTo(second);
    }

    @Test
    void aCustomerWhoseNetworkChangedRestartsIceAndKeepsItsEndpoint() {
        TestClient agent = agent("Ana");
        ServerMessage.SessionCreated created = create(agent);
        String sessionId = created.sessionId();
        TestClient customer = customer("Carla", created);
        join(customer, agent);
        // no endpoint yet: nothing to restart
        customer.refused(new ClientMessage.MediaRestartIce("r0", null), ErrorCode.MEDIA_NOT_JOINED);
        ServerMessage.MediaOffer first = negotiate(customer, null);
        String customerEndpoint = endpoint(sessionId, customer);

        ServerMessage.MediaOffer restart = customer.request(new ClientMessage.MediaRestartIce("r1", sessionId),
                ServerMessage.MediaOffer.class);
        assertThat(restart.replyTo()).isEqualTo("r1");
        assertThat(restart.sessionId()).isEqualTo(sessionId);
        assertThat(restart.revision()).isEqualTo(first.revision() + 1);
        assertThat(restart.uplink()).isEqualTo(Map.of("audio", "0", "video", "1"));
        assertThat(customer.request(new ClientMessage.MediaAnswer("a2", restart.revision(), ANSWER_SDP),
                ServerMessage.MediaAccepted.class).revision()).isEqualTo(restart.revision());
        // the same endpoint throughout: restarted, never released or allocated again
        assertThat(relay.callsFor(customerEndpoint)).extracting(FakeRelayControl.Call::operation)
                .containsExactly("allocate", "answer", "restartIce", "answer");
        assertThat(relay.isAllocated(customerEndpoint)).isTrue();

        // a client stuck in a loop is stopped after five restarts within ten seconds; its connection stays
        for (int i = 2; i <= 5; i++) {
            customer.request(new ClientMessage.MediaRestartIce("r" + i, sessionId), ServerMessage.MediaOffer.class);
        }
        customer.refused(new ClientMessage.MediaRestartIce("r6", sessionId), ErrorCode.RATE_LIMITED);
        assertThat(customer.request(new ClientMessage.Ping("c"), ServerMessage.Pong.class).replyTo()).isEqualTo("c");
        assertThat(relay.isAllocated(customerEndpoint)).isTrue();
        // ten seconds later it may restart again
        clock.advance(Duration.ofSeconds(10));
        customer.request(new ClientMessage.MediaRestartIce("r7", sessionId), ServerMessage.MediaOffer.class);
        // the session goes on for the agent
        assertThat(agent.request(new ClientMessage.Ping("p"), ServerMessage.Pong.class).replyTo()).isEqualTo("p");
    }

    @Test
    void framesLargerThanTheContainerBufferButWithinTheLimitAreAccepted() {
        TestClient agent = agent("Ana");
        String sessionId = create(agent).sessionId();
        ServerMessage.MediaOffer offer = agent.request(new ClientMessage.MediaJoin("m"), ServerMessage.MediaOffer.class);
        String bigAnswer = ANSWER_SDP + "a=x-padding:" + "p".repeat(30_000) + "\r\n";

        ServerMessage.MediaAccepted accepted = agent.request(
                new ClientMessage.MediaAnswer("big", offer.revision(), bigAnswer), ServerMessage.MediaAccepted.class);

        assertThat(accepted.sessionId()).isEqualTo(sessionId);
        assertThat(relay.callsFor(endpoint(sessionId, agent))).last()
                .extracting(FakeRelayControl.Call::sdp).isEqualTo(bigAnswer);
    }

    @Test
    void messagesAndErrorsAreCounted() {
        double pings = meters.counter("signaling.messages.received", "type", "ping").count();
        double refusals = meters.counter("signaling.errors", "code", "hello_required").count();
        TestClient client = connect();
        client.refused(new ClientMessage.Ping("p"), ErrorCode.HELLO_REQUIRED);

        assertThat(meters.counter("signaling.messages.received", "type", "ping").count()).isEqualTo(pings + 1);
        assertThat(meters.counter("signaling.errors", "code", "hello_required").count()).isEqualTo(refusals + 1);
        assertThat(meters.get("signaling.connections").gauge().value()).isPositive();
    }
}
