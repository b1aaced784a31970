package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.AccountRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What agent and customer do together in a session, over a real WebSocket and the REST API: chat
 * with history on resume, freezing everyone's view on an uploaded snapshot, ticket notes, ending
 * with an outcome that the REST API keeps, and a supervisor watching without the customer knowing.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "remote-support.signaling.resume-grace=20s",
                "remote-support.matching.status-interval=50ms",
                "remote-support.matching.sweep-interval=100ms",
                "remote-support.collaboration.chat-rate-limit=5",
                "remote-support.collaboration.chat-rate-window=1h",
                "remote-support.collaboration.max-snapshot-size=64KB",
        })
class CollaborationTest {

    /** The smallest JPEG header: what the server recognises a JPEG by. */
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    private static final AtomicInteger LANGUAGES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestIdentities identities;

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(TestClient::close);
    }

    @Test
    void chatReachesEveryoneAndAReloadedPageGetsTheHistory() {
        Pair pair = matched();
        ServerMessage.ChatMessage sent = reply(pair.agent(), new ClientMessage.ChatSend(pair.agent().nextId(),
                pair.sessionId(), "  Hello Carla, can you show me the back?  "), ServerMessage.ChatMessage.class);
        assertThat(sent.text()).isEqualTo("Hello Carla, can you show me the back?");
        assertThat(sent.name()).isEqualTo("Ana");
        assertThat(sent.role()).isEqualTo("agent");
        ServerMessage.ChatMessage received = pair.customer().nextOf(ServerMessage.ChatMessage.class);
        assertThat(received.messageId()).isEqualTo(sent.messageId());
        assertThat(received.replyTo()).isNull();
        reply(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "Sure,\none moment"),
                ServerMessage.ChatMessage.class);
        assertThat(pair.agent().nextOf(ServerMessage.ChatMessage.class).text()).isEqualTo("Sure,\none moment");

        // bad input is refused and changes nothing
        refuse(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "   "), ErrorCode.INVALID_FIELD);
        refuse(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "x".repeat(1001)),
                ErrorCode.INVALID_FIELD);
        refuse(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "bell\u0007"),
                ErrorCode.INVALID_FIELD);
        refuse(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), "another-session", "hi"),
                ErrorCode.NOT_IN_SESSION);

        // the customer's page reloads: it resumes and finds the conversation
        String token = pair.customer().welcome().resumeToken();
        pair.customer().abort();
        TestClient back = track(TestClient.resumed(port, pair.customer().accessToken(), token));
        back.nextOf(ServerMessage.SessionStarted.class);
        ServerMessage.ChatHistory history = back.nextOf(ServerMessage.ChatHistory.class);
        assertThat(history.messages()).extracting(ServerMessage.ChatMessage::text)
                .containsExactly("Hello Carla, can you show me the back?", "Sure,\none moment");

        // five messages in the window are fine, the sixth is refused; the connection stays usable
        for (int i = 2; i <= 5; i++) {
            reply(back, new ClientMessage.ChatSend(back.nextId(), null, "message " + i), ServerMessage.ChatMessage.class);
        }
        refuse(back, new ClientMessage.ChatSend(back.nextId(), null, "too many"), ErrorCode.RATE_LIMITED);
        reply(back, new ClientMessage.Ping(back.nextId()), ServerMessage.Pong.class);
    }

    @Test
    void theAgentFreezesEveryoneOnASnapshotAndAReloadComesBackFrozen() {
        Pair pair = matched();
        HttpTestClient http = new HttpTestClient(port);
        String path = "/api/sessions/" + pair.sessionId() + "/snapshots";

        // only the session's agent (or its customer, below) uploads, only images, only so large
        assertThat(http.postBytes(path, "image/jpeg", JPEG, HttpTestClient.bearer(identities.agent("Otto")))
                .status()).isEqualTo(403);
        HttpTestClient.Response script = http.postBytes(path, "image/jpeg", "<script>".getBytes(),
                HttpTestClient.bearer(pair.agent().accessToken()));
        assertThat(script.status()).isEqualTo(415);
        assertThat(script.field("error")).isEqualTo("unsupported_type");
        assertThat(http.postBytes(path, "image/jpeg", new byte[65 * 1024],
                HttpTestClient.bearer(pair.agent().accessToken())).status()).isEqualTo(413);

        HttpTestClient.Response uploaded = http.postBytes(path, "image/jpeg", JPEG,
                HttpTestClient.bearer(pair.agent().accessToken()));
        assertThat(uploaded.status()).isEqualTo(201);
        String snapshotId = uploaded.field("snapshotId");
        String url = uploaded.field("url");

        refuse(pair.customer(), new ClientMessage.SessionFreeze(pair.customer().nextId(), null, snapshotId),
                ErrorCode.FORBIDDEN);
        refuse(pair.agent(), new ClientMessage.SessionFreeze(pair.agent().nextId(), pair.sessionId(), "nothing"),
                ErrorCode.NOT_FOUND);
        ServerMessage.SessionFrozen frozen = reply(pair.agent(), new ClientMessage.SessionFreeze(pair.agent().nextId(),
                pair.sessionId(), snapshotId), ServerMessage.SessionFrozen.class);
        assertThat(frozen.snapshotId()).isEqualTo(snapshotId);
        assertThat(pair.customer().nextOf(ServerMessage.SessionFrozen.class).snapshotId()).isEqualTo(snapshotId);

        // the customer reads the still with its own token; an agent of another session may not
        HttpTestClient.Response still = http.get(url, HttpTestClient.bearer(pair.customer().accessToken()));
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.contentType()).isEqualTo("image/jpeg");
        assertThat(http.get(url, HttpTestClient.bearer(identities.agent("Otto"))).status()).isEqualTo(403);
        assertThat(http.get(url, HttpTestClient.bearer(identities.staff("Sue", AccountRole.SUPERVISOR))).status())
                .isEqualTo(200);
        assertThat(http.get(url, Map.of()).status()).isEqualTo(401);

        // the agent's page reloads while frozen: it comes back frozen
        String token = pair.agent().welcome().resumeToken();
        pair.agent().abort();
        TestClient agent = track(TestClient.resumed(port, pair.agent().accessToken(), token));
        agent.nextOf(ServerMessage.SessionStarted.class);
        assertThat(agent.nextOf(ServerMessage.SessionFrozen.class).snapshotId()).isEqualTo(snapshotId);

        reply(agent, new ClientMessage.SessionUnfreeze(agent.nextId(), pair.sessionId()),
                ServerMessage.SessionUnfrozen.class);
        assertThat(pair.customer().nextOf(ServerMessage.SessionUnfrozen.class).sessionId()).isEqualTo(pair.sessionId());

        JsonNode session = http.get("/api/sessions/" + pair.sessionId(),
                HttpTestClient.bearer(agent.accessToken())).json();
        assertThat(session.get("snapshots").get(0).get("snapshotId").asText()).isEqualTo(snapshotId);
        assertThat(session.get("frozen").isNull()).isTrue();
    }

    @Test
    void theCustomerSendsAPhotoWhenTheAgentAsksAndEveryoneIsToldItArrived() {
        Pair pair = matched();
        Pair other = matched();
        HttpTestClient http = new HttpTestClient(port);
        String path = "/api/sessions/" + pair.sessionId() + "/snapshots";

        refuse(pair.customer(), new ClientMessage.PhotoRequest(pair.customer().nextId(), pair.sessionId()),
                ErrorCode.FORBIDDEN);
        refuse(other.agent(), new ClientMessage.PhotoRequest(other.agent().nextId(), pair.sessionId()),
                ErrorCode.NOT_IN_SESSION);
        ServerMessage.PhotoRequested asked = reply(pair.agent(), new ClientMessage.PhotoRequest(pair.agent().nextId(),
                pair.sessionId()), ServerMessage.PhotoRequested.class);
        assertThat(asked.by()).isEqualTo(pair.agent().welcome().participantId());
        ServerMessage.PhotoRequested pushed = pair.customer().nextOf(ServerMessage.PhotoRequested.class);
        assertThat(pushed.replyTo()).isNull();
        assertThat(pushed.sessionId()).isEqualTo(pair.sessionId());

        // another session's customer may not add photos here; bad images are refused as for the agent
        assertThat(http.postBytes(path, "image/jpeg", JPEG, HttpTestClient.bearer(other.customer().accessToken()))
                .status()).isEqualTo(403);
        assertThat(http.postBytes(path, "image/jpeg", "<script>".getBytes(),
                HttpTestClient.bearer(pair.customer().accessToken())).status()).isEqualTo(415);

        HttpTestClient.Response uploaded = http.postBytes(path, "image/jpeg", JPEG,
                HttpTestClient.bearer(pair.customer().accessToken()));
        assertThat(uploaded.status()).isEqualTo(201);
        ServerMessage.SnapshotAdded added = pair.agent().nextOf(ServerMessage.SnapshotAdded.class);
        assertThat(added.snapshotId()).isEqualTo(uploaded.field("snapshotId"));
        assertThat(added.by()).isEqualTo(pair.customer().welcome().participantId());
        assertThat(pair.customer().nextOf(ServerMessage.SnapshotAdded.class).snapshotId()).isEqualTo(added.snapshotId());
        assertThat(http.get(added.url(), HttpTestClient.bearer(pair.agent().accessToken())).status()).isEqualTo(200);
        // the agent may freeze everyone's view on the customer's photo like on its own snapshot
        reply(pair.agent(), new ClientMessage.SessionFreeze(pair.agent().nextId(), pair.sessionId(), added.snapshotId()),
                ServerMessage.SessionFrozen.class);
    }

    @Test
    void theAgentEndsWithAnOutcomeThatStaysWithTheSession() {
        Pair pair = matched();
        reply(pair.agent(), new ClientMessage.TicketNote(pair.agent().nextId(), pair.sessionId(), "Seal cracked"),
                ServerMessage.TicketNoted.class);
        refuse(pair.customer(), new ClientMessage.TicketNote(pair.customer().nextId(), null, "hi"), ErrorCode.FORBIDDEN);
        reply(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "Thanks!"),
                ServerMessage.ChatMessage.class);

        refuse(pair.customer(), new ClientMessage.SessionEnd(pair.customer().nextId(), null, "resolved_remotely", null),
                ErrorCode.FORBIDDEN);
        refuse(pair.agent(), new ClientMessage.SessionEnd(pair.agent().nextId(), pair.sessionId(), "fixed", null),
                ErrorCode.INVALID_FIELD);
        ServerMessage.SessionEnded ended = reply(pair.agent(), new ClientMessage.SessionEnd(pair.agent().nextId(),
                pair.sessionId(), "replacement", "Ship a new seal"), ServerMessage.SessionEnded.class);
        assertThat(ended.reason()).isEqualTo("completed");
        assertThat(ended.outcome()).isEqualTo("replacement");
        assertThat(ended.note()).isEqualTo("Ship a new seal");
        // the customer learns how it ended, not the agent's internal note; it never saw the ticket note
        ServerMessage.SessionEnded toCustomer = pair.customer().nextOf(ServerMessage.SessionEnded.class);
        assertThat(toCustomer.outcome()).isEqualTo("replacement");
        assertThat(toCustomer.note()).isNull();
        pair.customer().assertNothingButQueueViews();

        JsonNode session = new HttpTestClient(port).get("/api/sessions/" + pair.sessionId(),
                HttpTestClient.bearer(identities.staff("Sue", AccountRole.SUPERVISOR))).json();
        assertThat(session.get("state").asText()).isEqualTo("ended");
        assertThat(session.get("outcome").asText()).isEqualTo("replacement");
        assertThat(session.get("note").asText()).isEqualTo("Ship a new seal");
        assertThat(session.get("notes").get(0).get("text").asText()).isEqualTo("Seal cracked");
        assertThat(session.get("chat").get(0).get("text").asText()).isEqualTo("Thanks!");
    }

    @Test
    void aSupervisorWatchesSilently() {
        Pair pair = matched();
        reply(pair.customer(), new ClientMessage.ChatSend(pair.customer().nextId(), null, "It leaks"),
                ServerMessage.ChatMessage.class);
        pair.agent().nextOf(ServerMessage.ChatMessage.class);
        TestClient agentObserver = track(TestClient.greeted(port, identities.agent("Otto")));
        refuse(agentObserver, new ClientMessage.SessionObserve(agentObserver.nextId(), pair.sessionId()),
                ErrorCode.FORBIDDEN);
        TestClient supervisor = track(TestClient.greeted(port, identities.staff("Sue", AccountRole.SUPERVISOR)));
        refuse(supervisor, new ClientMessage.SessionObserve(supervisor.nextId(), "no-such-session"), ErrorCode.NOT_FOUND);

        // the live list shows the session with what a supervisor picks by
        String trainee = identities.staff("Tim", AccountRole.TRAINEE);
        JsonNode list = new HttpTestClient(port).get("/api/sessions", HttpTestClient.bearer(trainee)).json();
        JsonNode listed = null;
        for (JsonNode s : list.get("sessions")) {
            if (s.get("sessionId").asText().equals(pair.sessionId())) {
                listed = s;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("agentName").asText()).isEqualTo("Ana");
        assertThat(listed.get("language").asText()).isEqualTo(pair.language());
        assertThat(listed.get("startedAt").asLong()).isPositive();

        ServerMessage.SessionStarted watching = reply(supervisor, new ClientMessage.SessionObserve(supervisor.nextId(),
                pair.sessionId()), ServerMessage.SessionStarted.class);
        assertThat(watching.role()).isEqualTo("supervisor");
        assertThat(watching.participants()).extracting(ServerMessage.Participant::role)
                .containsExactly("agent", "customer", "supervisor");
        // it enters with the conversation so far
        assertThat(supervisor.nextOf(ServerMessage.ChatHistory.class).messages())
                .extracting(ServerMessage.ChatMessage::text).containsExactly("It leaks");
        assertThat(watching.ticket().language()).isEqualTo(pair.language());
        assertThat(pair.agent().nextOf(ServerMessage.ParticipantJoined.class).participant().role())
                .isEqualTo("supervisor");
        // it sees the chat but does not write in it
        reply(pair.agent(), new ClientMessage.ChatSend(pair.agent().nextId(), null, "Look here"),
                ServerMessage.ChatMessage.class);
        assertThat(supervisor.nextOf(ServerMessage.ChatMessage.class).text()).isEqualTo("Look here");
        refuse(supervisor, new ClientMessage.ChatSend(supervisor.nextId(), pair.sessionId(), "psst"), ErrorCode.FORBIDDEN);
        refuse(supervisor, new ClientMessage.SessionFreeze(supervisor.nextId(), pair.sessionId(), "x"),
                ErrorCode.FORBIDDEN);
        reply(supervisor, new ClientMessage.SessionLeave(supervisor.nextId(), pair.sessionId()),
                ServerMessage.SessionLeft.class);
        pair.agent().nextOf(ServerMessage.ParticipantLeft.class);

        // the customer heard of none of it: only the agent's chat message came
        assertThat(pair.customer().nextOf(ServerMessage.ChatMessage.class).text()).isEqualTo("Look here");
        pair.customer().assertNothingButQueueViews();
    }

    // ---- helpers

    private record Pair(TestClient agent, TestClient customer, String sessionId, String language) {
    }

    private Pair matched() {
        String language = String.format("en-c%03d", LANGUAGES.incrementAndGet());
        clock.advance(Duration.ofMillis(1));
        TestClient agent = track(TestClient.greeted(port, identities.agent("Ana")));
        reply(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", List.of(language), List.of(), 1, false),
                ServerMessage.PresenceState.class);
        TestClient customer = track(TestClient.greeted(port, identities.queuedCustomer("Carla")));
        clock.advance(Duration.ofMillis(1));
        reply(customer, new ClientMessage.QueueJoin(customer.nextId(), language, "phones", null, "R-1", null),
                ServerMessage.QueueStatus.class);
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

    private static <T extends ServerMessage> T reply(TestClient client, ClientMessage request, Class<T> type) {
        client.send(request);
        ServerMessage reply = client.nextOf(ServerMessage.class, m -> request.id().equals(m.replyTo()));
        assertThat(reply).as(String.valueOf(reply)).isInstanceOf(type);
        return type.cast(reply);
    }

    private static void refuse(TestClient client, ClientMessage request, ErrorCode code) {
        ServerMessage.Error error = reply(client, request, ServerMessage.Error.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code.wire());
    }
}
