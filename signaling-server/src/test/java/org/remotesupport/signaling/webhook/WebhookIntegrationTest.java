package org.remotesupport.signaling.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.SignalingTestApplication;
import org.remotesupport.signaling.TestClient;
import org.remotesupport.signaling.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A session's start and end reach a configured receiver as signed webhooks, while signaling goes on. */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookIntegrationTest {

    private static final String SECRET = "integration-secret-0123";
    // fails the first attempt, so the server's retry is part of what this test sees
    private static final WebhookReceiver RECEIVER = new WebhookReceiver(1);

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("remote-support.webhooks.endpoints[0].url", () -> RECEIVER.url().toString());
        registry.add("remote-support.webhooks.endpoints[0].secret", () -> SECRET);
        registry.add("remote-support.webhooks.initial-backoff", () -> "50ms");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void startAndEndOfASessionArePostedAndSigned() throws Exception {
        try (TestClient agent = TestClient.greeted(port, identities.agent("Ana"))) {
            ServerMessage.SessionCreated created = agent.request(new ClientMessage.SessionCreate("c", "A-77", null,
                    "e-bikes", "en"), ServerMessage.SessionCreated.class);
            try (TestClient customer = TestClient.greeted(port, TestIdentities.inviteToken(created.link()), "Carla")) {
                customer.request(new ClientMessage.SessionJoin("j"), ServerMessage.SessionJoined.class);
                agent.next(ServerMessage.ParticipantJoined.class);

                WebhookReceiver.Received refused = RECEIVER.next(Duration.ofSeconds(10));
                WebhookReceiver.Received started = RECEIVER.next(Duration.ofSeconds(10));
                assertThat(refused.answered()).isEqualTo(503);
                assertThat(started.answered()).isEqualTo(204);
                assertThat(started.delivery()).isEqualTo(refused.delivery());
                assertThat(started.event()).isEqualTo("session.started");
                JsonNode startedEvent = new ObjectMapper().readTree(started.body());
                assertThat(startedEvent.get("session").get("sessionId").asText()).isEqualTo(created.sessionId());
                assertThat(startedEvent.get("session").get("ticketId").asText()).isEqualTo(created.ticketId());
                assertThat(startedEvent.get("session").get("orderNumber").asText()).isEqualTo("A-77");
                assertThat(startedEvent.get("session").get("participants")).hasSize(2);
                assertSigned(started);

                agent.request(new ClientMessage.SessionLeave("l"), ServerMessage.SessionLeft.class);

                WebhookReceiver.Received ended = RECEIVER.next(Duration.ofSeconds(10));
                assertThat(ended.event()).isEqualTo("session.ended");
                assertThat(new ObjectMapper().readTree(ended.body()).get("session").get("reason").asText())
                        .isEqualTo("agent_left");
                assertSigned(ended);
                assertThat(customer.next(ServerMessage.SessionEnded.class).reason()).isEqualTo("agent_left");
            }
        }
    }

    private static void assertSigned(WebhookReceiver.Received received) {
        String timestamp = received.signature().substring(2, received.signature().indexOf(','));
        assertThat(received.signature()).isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(timestamp),
                received.body()));
    }
}
