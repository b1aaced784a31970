package org.remotesupport.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.AccountRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The report of a session driven through signaling on a test clock: a customer queues, the offer
 * rings three seconds, agent and customer chat, the agent takes a snapshot, freezes everyone on it,
 * writes a staff note, goes back to live and ends with an outcome. The report has the ticket, both
 * participants with their join and leave times, the queue, ring, talk and total durations, the
 * snapshot with its freeze, the chat, the note and the outcome; a supervisor, a trainee and the
 * session's agent may read it, a customer or another agent may not, and a live session has none yet.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "remote-support.matching.status-interval=50ms",
                "remote-support.matching.sweep-interval=100ms",
                "remote-support.matching.ring-timeout=10m",
        })
class SessionReportTest {

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
    void anEndedSessionHasAReportForStaffOnly() {
        HttpTestClient http = new HttpTestClient(port);
        String language = "en-rpt";
        TestClient agent = track(TestClient.greeted(port, identities.agent("Ana")));
        reply(agent, new ClientMessage.PresenceSet(agent.nextId(), "available", List.of(language), List.of(), 1,
                false), ServerMessage.PresenceState.class);
        TestClient customer = track(TestClient.greeted(port, identities.queuedCustomer("Carla")));
        long queuedAt = clock.millis();
        reply(customer, new ClientMessage.QueueJoin(customer.nextId(), language, "coffee-machines", "Espresso X2",
                "R-4711", "Water leaks under the tank"), ServerMessage.QueueStatus.class);
        ServerMessage.Offer offer = agent.nextOf(ServerMessage.Offer.class);
        clock.advance(Duration.ofSeconds(3));
        String sessionId = reply(agent, new ClientMessage.OfferAccept(agent.nextId(), offer.offerId()),
                ServerMessage.SessionStarted.class).sessionId();
        customer.nextOf(ServerMessage.SessionStarted.class);
        long startedAt = clock.millis();

        // a live session has no report yet
        String report = "/api/sessions/" + sessionId + "/report";
        String supervisor = identities.staff("Sue", AccountRole.SUPERVISOR);
        assertThat(http.get(report, HttpTestClient.bearer(supervisor)).status()).isEqualTo(409);

        clock.advance(Duration.ofSeconds(2));
        reply(customer, new ClientMessage.ChatSend(customer.nextId(), sessionId, "It drips here"),
                ServerMessage.ChatMessage.class);
        clock.advance(Duration.ofSeconds(1));
        HttpTestClient.Response uploaded = http.postBytes("/api/sessions/" + sessionId + "/snapshots", "image/jpeg",
                CollaborationTest.JPEG, HttpTestClient.bearer(agent.accessToken()));
        assertThat(uploaded.status()).isEqualTo(201);
        String snapshotId = uploaded.field("snapshotId");
        clock.advance(Duration.ofSeconds(1));
        reply(agent, new ClientMessage.SessionFreeze(agent.nextId(), sessionId, snapshotId),
                ServerMessage.SessionFrozen.class);
        clock.advance(Duration.ofSeconds(4));
        reply(agent, new ClientMessage.TicketNote(agent.nextId(), sessionId, "Tank seal cracked"),
                ServerMessage.TicketNoted.class);
        reply(agent, new ClientMessage.ChatSend(agent.nextId(), sessionId, "Turn the valve left"),
                ServerMessage.ChatMessage.class);
        clock.advance(Duration.ofSeconds(1));
        reply(agent, new ClientMessage.SessionUnfreeze(agent.nextId(), sessionId),
                ServerMessage.SessionUnfrozen.class);
        clock.advance(Duration.ofSeconds(10));
        reply(agent, new ClientMessage.SessionEnd(agent.nextId(), sessionId, "replacement", "Ship a new tank"),
                ServerMessage.SessionEnded.class);
        long endedAt = clock.millis();

        // participants are told the session ended before the journal's listener records the ending:
        // the report may answer 404 for that moment
        HttpTestClient.Response read = http.get(report, HttpTestClient.bearer(supervisor));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (read.status() == 404 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            read = http.get(report, HttpTestClient.bearer(supervisor));
        }
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(body.path("ticket").path("product").asText()).isEqualTo("Espresso X2");
        assertThat(body.path("ticket").path("category").asText()).isEqualTo("coffee-machines");
        assertThat(body.path("ticket").path("orderNumber").asText()).isEqualTo("R-4711");
        assertThat(body.path("ticket").path("description").asText()).isEqualTo("Water leaks under the tank");
        assertThat(body.path("ticket").path("severity").asText()).isNotEmpty();
        assertThat(body.path("outcome").asText()).isEqualTo("replacement");
        assertThat(body.path("outcomeNote").asText()).isEqualTo("Ship a new tank");

        JsonNode durations = body.path("durations");
        assertThat(durations.path("queueWaitMs").asLong()).isZero();
        assertThat(durations.path("ringMs").asLong()).isEqualTo(3_000);
        assertThat(durations.path("talkMs").asLong()).isEqualTo(endedAt - startedAt).isEqualTo(19_000);
        assertThat(durations.path("totalMs").asLong()).isEqualTo(endedAt - queuedAt).isEqualTo(22_000);

        assertThat(body.path("participants")).hasSize(2);
        assertThat(body.path("participants")).allSatisfy(p -> {
            assertThat(p.path("joinedAt").asLong()).isEqualTo(startedAt);
            assertThat(p.path("leftAt").asLong()).isEqualTo(endedAt);
            assertThat(p.path("presentMs").asLong()).isEqualTo(19_000);
        });
        assertThat(body.path("participants").findValuesAsText("name")).containsExactlyInAnyOrder("Ana", "Carla");
        assertThat(body.path("participants").findValuesAsText("role")).containsExactlyInAnyOrder("agent", "customer");

        JsonNode snapshot = body.path("snapshots").get(0);
        assertThat(snapshot.path("snapshotId").asText()).isEqualTo(snapshotId);
        assertThat(snapshot.path("offsetMs").asLong()).isEqualTo(3_000);
        assertThat(snapshot.path("name").asText()).isEqualTo("Ana");
        assertThat(snapshot.path("frozen")).hasSize(1);
        assertThat(snapshot.path("frozen").get(0).path("fromOffsetMs").asLong()).isEqualTo(4_000);
        assertThat(snapshot.path("frozen").get(0).path("untilOffsetMs").asLong()).isEqualTo(9_000);
        // the markups on it are those on screen just before the view went live again
        assertThat(snapshot.path("markupsAtMs").asLong()).isEqualTo(8_999);
        assertThat(snapshot.path("markups").isArray()).isTrue();
        assertThat(http.get(snapshot.path("url").asText(), HttpTestClient.bearer(supervisor)).status()).isEqualTo(200);

        assertThat(body.path("chat").findValuesAsText("text")).containsExactly("It drips here", "Turn the valve left");
        assertThat(body.path("chat").get(0).path("offsetMs").asLong()).isEqualTo(2_000);
        assertThat(body.path("notes").findValuesAsText("text")).containsExactly("Tank seal cracked");
        assertThat(body.path("recordings")).isEmpty();

        // who may read it
        assertThat(http.get(report, HttpTestClient.bearer(agent.accessToken())).status()).isEqualTo(200);
        assertThat(http.get(report, HttpTestClient.bearer(identities.staff("Tim", AccountRole.TRAINEE))).status())
                .isEqualTo(200);
        assertThat(http.get(report, HttpTestClient.bearer(identities.agent("Otto"))).status()).isEqualTo(403);
        HttpTestClient.Response customerRead = http.get(report, HttpTestClient.bearer(customer.accessToken()));
        assertThat(customerRead.status()).isEqualTo(403);
        assertThat(customerRead.field("error")).isEqualTo("forbidden");
        assertThat(http.get(report, Map.of()).status()).isEqualTo(401);
        assertThat(http.get("/api/sessions/no-such-session/report", HttpTestClient.bearer(supervisor)).status())
                .isEqualTo(404);
        assertThat(http.get("/api/sessions/" + "x".repeat(65) + "/report", HttpTestClient.bearer(supervisor))
                .status()).isEqualTo(404);
    }

    private static <T extends ServerMessage> T reply(TestClient client, ClientMessage request, Class<T> type) {
        client.send(request);
        ServerMessage reply = client.nextOf(ServerMessage.class, m -> request.id().equals(m.replyTo()));
        assertThat(reply).as(String.valueOf(reply)).isInstanceOf(type);
        return type.cast(reply);
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }
}
