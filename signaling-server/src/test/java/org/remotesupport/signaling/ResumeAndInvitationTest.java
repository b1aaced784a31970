package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A participant whose WebSocket drops resumes its place with its token, within the grace period, and
 * finds its session and its unanswered relay offer; past the grace the others are told. Agents invite
 * experts and observers into a session.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "remote-support.signaling.resume-grace=20s",
                "remote-support.matching.status-interval=50ms",
                "remote-support.matching.sweep-interval=100ms",
        })
class ResumeAndInvitationTest {

    private static final AtomicInteger LANGUAGES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestIdentities identities;

    @Autowired
    FakeRelayControl relay;

    private final List<TestClient> clients = new ArrayList<>();
    private final java.util.Map<TestClient, String> agentIds = new java.util.HashMap<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    @Test
    void aDroppedCustomerResumesItsSessionAndGetsTheOfferItHadNotAnswered() {
        Pair pair = matched();
        TestClient customer = pair.customer();
        String sessionId = pair.sessionId();
        ServerMessage.MediaOffer first = reply(customer, new ClientMessage.MediaJoin(customer.nextId(), sessionId),
                ServerMessage.MediaOffer.class);
        String token = customer.welcome().resumeToken();

        customer.abort();
        assertThat(pair.agent().nextOf(ServerMessage.ParticipantState.class)).isEqualTo(
                new ServerMessage.ParticipantState(null, sessionId, customer.participantId(), "reconnecting"));
        // while it is away the relay renegotiates: the offer waits for the customer
        RelayOffer second = relay.reoffer(sessionId + "." + customer.participantId());

        TestClient back = track(TestClient.resumed(port, customer.accessToken(), token));
        assertThat(back.participantId()).isEqualTo(customer.participantId());
        assertThat(back.welcome().resumed()).isTrue();
        assertThat(back.welcome().resumeToken()).isNotEqualTo(token);
        ServerMessage.SessionStarted state = back.nextOf(ServerMessage.SessionStarted.class);
        assertThat(state.resumed()).isTrue();
        assertThat(state.sessionId()).isEqualTo(sessionId);
        assertThat(state.role()).isEqualTo("customer");
        ServerMessage.MediaOffer resent = back.nextOf(ServerMessage.MediaOffer.class);
        assertThat(resent.revision()).isEqualTo(second.revision()).isGreaterThan(first.revision());
        assertThat(pair.agent().nextOf(ServerMessage.ParticipantState.class).state()).isEqualTo("connected");

        // nothing was lost: the customer answers the newest offer and carries on
        reply(back, new ClientMessage.MediaAnswer(back.nextId(), resent.revision(), SignalingIntegrationTest.ANSWER_SDP,
                sessionId), ServerMessage.MediaAccepted.class);
        assertThat(relay.isAllocated(sessionId + "." + customer.participantId())).isTrue();

        // a token works once
        TestClient replay = track(TestClient.connect(port));
        refuse(replay, new ClientMessage.Hello(replay.nextId(), ProtocolVersion.CURRENT, customer.accessToken(), null,
                token), ErrorCode.RESUME_FAILED);
    }

    @Test
    void pastTheGracePeriodTheAgentIsToldTheCustomerIsGoneAndTheSessionEnds() {
        Pair pair = matched();
        TestClient customer = pair.customer();
        String token = customer.welcome().resumeToken();
        customer.abort();
        pair.agent().nextOf(ServerMessage.ParticipantState.class);

        clock.advance(Duration.ofSeconds(21));
        assertThat(pair.agent().nextOf(ServerMessage.ParticipantLeft.class).participantId())
                .isEqualTo(customer.participantId());
        assertThat(pair.agent().nextOf(ServerMessage.SessionEnded.class))
                .isEqualTo(new ServerMessage.SessionEnded(null, pair.sessionId(), "customer_disconnected"));

        TestClient late = track(TestClient.connect(port));
        refuse(late, new ClientMessage.Hello(late.nextId(), ProtocolVersion.CURRENT, customer.accessToken(), null, token),
                ErrorCode.RESUME_FAILED);
        // the agent is free again
        TestClient next = customer("Nora");
        join(next, pair.language());
        assertThat(pair.agent().nextOf(ServerMessage.Offer.class).name()).isEqualTo("Nora");
    }

    @Test
    void aResumedAgentGetsItsPresenceQueueAndSessionBack() {
        Pair pair = matched();
        TestClient agent = pair.agent();
        String token = agent.welcome().resumeToken();
        agent.abort();
        pair.customer().nextOf(ServerMessage.ParticipantState.class, s -> s.state().equals("reconnecting"));

        TestClient back = track(TestClient.resumed(port, agent.accessToken(), token));
        assertThat(back.nextOf(ServerMessage.SessionStarted.class).ticket().language()).isEqualTo(pair.language());
        assertThat(back.nextOf(ServerMessage.PresenceState.class).sessions()).isEqualTo(1);
        back.nextOf(ServerMessage.QueueSnapshot.class);
        assertThat(pair.customer().nextOf(ServerMessage.ParticipantState.class).state()).isEqualTo("connected");
    }

    @Test
    void theAgentInvitesAnExpertAndAnObserverWhoMaySendNothing() {
        Pair pair = matched();
        TestClient expert = availableAgent("Erik", pair.language(), false);
        TestClient observer = availableAgent("Olga", pair.language(), false);
        String expertId = agentIds.get(expert);
        String observerId = agentIds.get(observer);

        pair.agent().send(new ClientMessage.SessionInvite(pair.agent().nextId(), pair.sessionId(), expertId, "expert"));
        ServerMessage.SessionInvited invited = expert.nextOf(ServerMessage.SessionInvited.class);
        assertThat(invited.role()).isEqualTo("expert");
        assertThat(invited.from().name()).isEqualTo("Ana");
        ServerMessage.SessionStarted joined = reply(expert, new ClientMessage.InviteAccept(expert.nextId(),
                pair.sessionId()), ServerMessage.SessionStarted.class);
        assertThat(joined.role()).isEqualTo("expert");
        assertThat(joined.participants()).extracting(ServerMessage.Participant::role)
                .containsExactly("agent", "customer", "expert");
        assertThat(pair.customer().nextOf(ServerMessage.ParticipantJoined.class).participant().role()).isEqualTo("expert");

        pair.agent().send(new ClientMessage.SessionInvite(pair.agent().nextId(), pair.sessionId(), observerId,
                "observer"));
        observer.nextOf(ServerMessage.SessionInvited.class);
        reply(observer, new ClientMessage.InviteAccept(observer.nextId(), pair.sessionId()),
                ServerMessage.SessionStarted.class);
        // everyone sees who watches
        assertThat(expert.nextOf(ServerMessage.ParticipantJoined.class).participant().role()).isEqualTo("observer");
        assertThat(pair.customer().nextOf(ServerMessage.ParticipantJoined.class).participant().role())
                .isEqualTo("observer");
        reply(observer, new ClientMessage.MediaJoin(observer.nextId(), pair.sessionId()), ServerMessage.MediaOffer.class);
        // an observer that would send media is refused; answering receive-only is fine
        refuse(observer, new ClientMessage.MediaAnswer(observer.nextId(), 1, SignalingIntegrationTest.ANSWER_SDP,
                pair.sessionId()), ErrorCode.FORBIDDEN);
        reply(observer, new ClientMessage.MediaAnswer(observer.nextId(), 1,
                SignalingIntegrationTest.ANSWER_SDP.replace("a=sendonly", "a=recvonly"), pair.sessionId()),
                ServerMessage.MediaAccepted.class);

        // the invited ones count as busy: neither is offered the next customer
        TestClient next = customer("Nora");
        join(next, pair.language());
        expert.assertNothingButQueueViews();
        observer.assertNothingButQueueViews();

        // only the session's agent invites, and only into its own session
        refuse(expert, new ClientMessage.SessionInvite(expert.nextId(), pair.sessionId(), observerId, "expert"),
                ErrorCode.FORBIDDEN);
        refuse(expert, new ClientMessage.InviteAccept(expert.nextId(), pair.sessionId()), ErrorCode.NO_INVITATION);
    }

    @Test
    void aDeclinedInvitationIsReportedToTheInvitingAgent() {
        Pair pair = matched();
        TestClient expert = availableAgent("Erik", pair.language(), false);
        pair.agent().send(new ClientMessage.SessionInvite(pair.agent().nextId(), pair.sessionId(),
                agentIds.get(expert), "expert"));
        expert.nextOf(ServerMessage.SessionInvited.class);
        reply(expert, new ClientMessage.InviteDecline(expert.nextId(), pair.sessionId()),
                ServerMessage.InviteDeclined.class);
        assertThat(pair.agent().nextOf(ServerMessage.InviteDeclined.class).agentId())
                .isEqualTo(agentIds.get(expert));
        refuse(pair.agent(), new ClientMessage.SessionInvite(pair.agent().nextId(), pair.sessionId(), "nobody",
                "expert"), ErrorCode.UNKNOWN_AGENT);
    }

    // ---- helpers

    private record Pair(TestClient agent, TestClient customer, String sessionId, String language) {
    }

    /** An agent who accepted a customer: both have {@code session.started}. */
    private Pair matched() {
        String language = String.format("en-r%03d", LANGUAGES.incrementAndGet());
        TestClient agent = availableAgent("Ana", language, false);
        TestClient customer = customer("Carla");
        join(customer, language);
        ServerMessage.Offer offer = agent.nextOf(ServerMessage.Offer.class);
        ServerMessage.SessionStarted started = reply(agent, new ClientMessage.OfferAccept(agent.nextId(),
                offer.offerId()), ServerMessage.SessionStarted.class);
        customer.nextOf(ServerMessage.SessionStarted.class);
        return new Pair(agent, customer, started.sessionId(), language);
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    private TestClient customer(String name) {
        return track(TestClient.greeted(port, identities.queuedCustomer(name)));
    }

    private TestClient availableAgent(String name, String language, boolean autoAccept) {
        clock.advance(Duration.ofMillis(1));
        TestClient agent = track(TestClient.greeted(port, identities.agent(name)));
        ServerMessage.PresenceState state = reply(agent, new ClientMessage.PresenceSet(agent.nextId(), "available",
                List.of(language), List.of(), 1, autoAccept), ServerMessage.PresenceState.class);
        // agents are known by their account, which the presence names
        agentIds.put(agent, state.agentId());
        return agent;
    }

    private void join(TestClient customer, String language) {
        clock.advance(Duration.ofMillis(1));
        reply(customer, new ClientMessage.QueueJoin(customer.nextId(), language, "phones", null,
                "R-" + customer.participantId(), null), ServerMessage.QueueStatus.class);
    }

    private static <T extends ServerMessage> T reply(TestClient client, ClientMessage request, Class<T> type) {
        client.send(request);
        ServerMessage reply = client.nextOf(ServerMessage.class, m -> request.id().equals(m.replyTo()));
        assertThat(reply).isInstanceOf(type);
        return type.cast(reply);
    }

    private static void refuse(TestClient client, ClientMessage request, ErrorCode code) {
        ServerMessage.Error error = reply(client, request, ServerMessage.Error.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code.wire());
    }
}
