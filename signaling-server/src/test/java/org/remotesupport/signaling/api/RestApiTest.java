package org.remotesupport.signaling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.signaling.HttpTestClient.bearer;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.HttpTestClient;
import org.remotesupport.signaling.MutableClock;
import org.remotesupport.signaling.SignalingTestApplication;
import org.remotesupport.signaling.TestClient;
import org.remotesupport.signaling.TestIdentities;
import org.remotesupport.signaling.identity.AccountRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API over real HTTP: sign-in with the demo accounts, invites from a console or an
 * integration, reading sessions, and every refusal with its status and code.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.identity.api-keys=" + RestApiTest.API_KEY,
                "remote-support.identity.bcrypt-strength=4", "remote-support.entry.max-photo-size=64KB"})
class RestApiTest {

    static final String API_KEY = "integration-key-0123456789-abcdefghij";

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    @Autowired
    MutableClock clock;

    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void aDemoAgentSignsInAndTheTokenOpensTheWebSocket() {
        HttpTestClient.Response login = http.postJson("/api/auth/login",
                Map.of("username", "ana", "password", "ana-demo"), Map.of());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.field("role")).isEqualTo("agent");
        assertThat(login.field("name")).isEqualTo("Ana");
        assertThat(login.json().get("languages")).hasSize(2);
        assertThat(login.json().get("expiresAt").asLong())
                .isEqualTo(clock.instant().plus(Duration.ofHours(8)).toEpochMilli());
        try (TestClient ana = TestClient.greeted(port, login.field("token"), "Someone else")) {
            assertThat(ana.welcome().role()).isEqualTo("agent");
            assertThat(ana.welcome().name()).isEqualTo("Ana");
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefusedAlike() {
        HttpTestClient.Response wrong = http.postJson("/api/auth/login",
                Map.of("username", "ana", "password", "li-demo"), Map.of());
        HttpTestClient.Response unknown = http.postJson("/api/auth/login",
                Map.of("username", "nobody", "password", "ana-demo"), Map.of());

        for (HttpTestClient.Response response : new HttpTestClient.Response[] {wrong, unknown}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.field("error")).isEqualTo("invalid_credentials");
            assertThat(response.field("message")).isEqualTo("wrong username or password");
            assertThat(response.field("token")).isNull();
        }
    }

    @Test
    void aMalformedOrOversizedSignInIsABadRequest() {
        assertThat(http.postJson("/api/auth/login", "not json", Map.of()).status()).isEqualTo(400);
        assertThat(http.postJson("/api/auth/login", Map.of("username", "ana"), Map.of()).field("error"))
                .isEqualTo("invalid_request");
        assertThat(http.postJson("/api/auth/login", Map.of("username", "ana", "password", "p".repeat(20_000)), Map.of())
                .status()).isEqualTo(413);
    }

    @Test
    void anAgentCreatesAnInviteBoundToATicketAndAnAgent() {
        HttpTestClient.Response invite = http.postJson("/api/invites", Map.of("orderNumber", "A-1001",
                "product", "Espresso 300", "category", "coffee-machines", "language", "es", "tier", "vip",
                "severity", "high", "agent", "ana"), bearer(identities.agent("Bo")));

        assertThat(invite.status()).isEqualTo(201);
        assertThat(invite.field("link")).startsWith("http://localhost:" + port + "/s/");
        assertThat(invite.json().get("expiresAt").asLong())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(60)).toEpochMilli());
        assertThat(invite.json().get("ticket").get("tier").asText()).isEqualTo("vip");
        assertThat(invite.json().get("ticket").get("agent").asText()).isEqualTo("ana");
        // the customer who opens it gets a token for that ticket and queues (no session yet)
        try (TestClient customer = TestClient.greeted(port, TestIdentities.inviteToken(invite.field("link")), "Carla")) {
            assertThat(customer.welcome().ticketId()).isEqualTo(invite.json().get("ticket").get("id").asText());
            assertThat(customer.welcome().sessionId()).isNull();
        }
    }

    @Test
    void anIntegrationCreatesInvitesWithItsApiKey() {
        HttpTestClient.Response invite = http.postJson("/api/invites", Map.of("orderNumber", "B-7", "language", "zh"),
                Map.of("X-Api-Key", API_KEY));

        assertThat(invite.status()).isEqualTo(201);
        assertThat(invite.json().get("ticket").get("language").asText()).isEqualTo("zh");
        assertThat(invite.json().get("ticket").get("category").asText()).isEqualTo("general");
    }

    @Test
    void invitesNeedCredentialsOfAnAllowedRoleAndValidFields() {
        Map<String, String> body = Map.of("orderNumber", "A-1");
        assertError(http.postJson("/api/invites", body, Map.of()), 401, "unauthorized");
        assertError(http.postJson("/api/invites", body, Map.of("X-Api-Key", API_KEY + "x")), 401, "invalid_api_key");
        assertError(http.postJson("/api/invites", body, bearer("not.a.token")), 401, "invalid_token");
        assertError(http.postJson("/api/invites", body, bearer(identities.staff("Tia", AccountRole.TRAINEE))),
                403, "forbidden");
        assertError(http.postJson("/api/invites", body, bearer(identities.queuedCustomer("Carla"))), 403, "forbidden");
        String agent = identities.agent("Ana");
        assertError(http.postJson("/api/invites", Map.of(), bearer(agent)), 400, "invalid_field");
        assertError(http.postJson("/api/invites", Map.of("orderNumber", "A-1", "agent", "sam"), bearer(agent)),
                400, "invalid_field");
        assertError(http.postJson("/api/invites", Map.of("orderNumber", "A-1", "tier", "gold"), bearer(agent)),
                400, "invalid_field");
    }

    @Test
    void anExpiredTokenIsRefusedWithItsOwnCode() {
        String token = identities.agent("Ana");
        clock.advance(Duration.ofHours(9));

        assertError(http.get("/api/sessions", bearer(token)), 401, "token_expired");
    }

    @Test
    void sessionsAreListedAndReadWithTheirTicketAndParticipants() {
        try (TestClient agent = TestClient.greeted(port, identities.agent("Ana"))) {
            ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate("c", "A-9", null,
                    "e-bikes", "en"), ServerMessage.SessionCreated.class);
            String supervisor = identities.staff("Sam", AccountRole.SUPERVISOR);

            HttpTestClient.Response list = http.get("/api/sessions", bearer(supervisor));
            HttpTestClient.Response one = http.get("/api/sessions/" + created.sessionId(), Map.of("X-Api-Key", API_KEY));

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("sessions").findValuesAsText("sessionId")).contains(created.sessionId());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.field("ticketId")).isEqualTo(created.ticketId());
            assertThat(one.field("agent")).startsWith("ana-");
            assertThat(one.json().get("participants").get(0).get("name").asText()).isEqualTo("Ana");
            assertError(http.get("/api/sessions/nosuchsession", bearer(supervisor)), 404, "not_found");
            HttpTestClient.Response ticket = http.get("/api/tickets/" + created.ticketId(), bearer(supervisor));
            assertThat(ticket.field("orderNumber")).isEqualTo("A-9");
            assertThat(ticket.field("category")).isEqualTo("e-bikes");
        }
    }

    private static void assertError(HttpTestClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("error")).as(response.text()).isEqualTo(code);
        assertThat(response.field("message")).isNotBlank();
    }
}
