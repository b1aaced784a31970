package org.remotesupport.annotation.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.annotation.log.OpLogStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The endpoint over a real WebSocket: handshake, authorisation, roles and every wire-level limit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "remote-support.annotations.ops-per-second=20",
        "remote-support.annotations.max-message-size=2KB"})
class AnnotationHandlerTest {

    static final String ARROW = "{\"type\":\"op\",\"opId\":\"%s\",\"kind\":\"add\",\"markup\":{\"id\":\"%s\","
            + "\"type\":\"arrow\",\"color\":\"#ff0000\",\"width\":3,\"points\":[[0.1,0.2],[0.4,0.5]],"
            + "\"anchor\":{\"track\":\"cam\",\"frameTs\":1234}}}";

    @SpringBootApplication
    static class TestApplication {
        @Bean
        AnnotationAccess annotationAccess() {
            Map<String, Access> tokens = Map.of(
                    "s1/agent-1/t-agent", new Access("agent-1", AnnotationRole.AGENT, Instant.EPOCH),
                    "s1/obs-1/t-obs", new Access("obs-1", AnnotationRole.OBSERVER, Instant.EPOCH),
                    "s2/agent-2/t-agent2", new Access("agent-2", AnnotationRole.AGENT, Instant.EPOCH));
            return (session, participant, token) -> Optional.ofNullable(tokens.get(session + "/" + participant + "/" + token));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    OpLogStore store;

    @Test
    void anotherSessionsTokenIsRefusedAndTheConnectionStaysUsable() throws Exception {
        try (WsClient client = new WsClient(port)) {
            client.join("s1", "agent-2", "t-agent2", 0);
            assertThat(client.awaitType("error").path("code").asText()).isEqualTo("unauthorized");
            client.send(ARROW.formatted("x", "y"));
            assertThat(client.awaitType("reject").path("code").asText()).isEqualTo("join_required");
            client.send("{\"type\":\"join\",\"v\":99,\"sessionId\":\"s2\",\"participantId\":\"agent-2\",\"token\":\"t-agent2\"}");
            assertThat(client.awaitType("error").path("code").asText()).isEqualTo("unsupported_version");
            client.join("s2", "agent-2", "t-agent2", 0);
            assertThat(client.awaitType("joined").path("role").asText()).isEqualTo("agent");
        }
    }

    @Test
    void anObserverReadsButDoesNotDraw() throws Exception {
        try (WsClient agent = new WsClient(port); WsClient observer = new WsClient(port)) {
            agent.join("s1", "agent-1", "t-agent", 0);
            agent.awaitType("joined");
            observer.join("s1", "obs-1", "t-obs", 0);
            JsonNode joined = observer.awaitType("joined");
            assertThat(joined.path("canDraw").asBoolean()).isFalse();
            agent.send(ARROW.formatted("o1", "obs-test"));
            JsonNode seen = observer.await(m -> m.path("type").asText().equals("ops")
                    && m.path("ops").size() == 1 && m.path("ops").get(0).path("opId").asText().equals("o1"));
            assertThat(seen.path("ops").get(0).path("markup").path("points").get(1).get(0).asDouble()).isEqualTo(0.4);
            observer.send(ARROW.formatted("o2", "by-observer"));
            JsonNode reject = observer.awaitType("reject");
            assertThat(reject.path("code").asText()).isEqualTo("read_only");
            assertThat(reject.path("opId").asText()).isEqualTo("o2");
            observer.send("{\"type\":\"pointer\",\"x\":0.5,\"y\":0.5}");
            assertThat(observer.awaitType("error").path("code").asText()).isEqualTo("read_only");
        }
    }

    @Test
    void badInputGetsACodeAndLeavesTheConnectionAndTheLogAlone() throws Exception {
        try (WsClient agent = new WsClient(port)) {
            agent.join("s1", "agent-1", "t-agent", 0);
            agent.awaitType("joined");
            agent.send(ARROW.formatted("b1", "bad-input-kept"));
            long seq = agent.awaitType("commit").path("seq").asLong();
            agent.send("not json");
            assertThat(agent.awaitType("error").path("code").asText()).isEqualTo("bad_message");
            agent.sendBinary();
            assertThat(agent.awaitType("error").path("code").asText()).isEqualTo("bad_message");
            agent.send(ARROW.formatted("b2", "x".repeat(3000)));
            assertThat(agent.awaitType("error").path("code").asText()).isEqualTo("message_too_large");
            agent.send("{\"type\":\"op\",\"opId\":\"b3\",\"kind\":\"add\",\"markup\":{\"id\":\"m\",\"type\":\"blob\"}}");
            assertThat(agent.awaitType("error").path("code").asText()).isEqualTo("bad_message");
            agent.send(ARROW.formatted("b1", "bad-input-kept"));
            assertThat(agent.awaitType("commit").path("seq").asLong()).as("a resend commits once").isEqualTo(seq);
            assertThat(agent.isOpen()).isTrue();
            assertThat(store.readAfter("s1", 0, 1000)).filteredOn(op -> op.markup() != null
                    && op.markup().id().equals("bad-input-kept")).hasSize(1);
        }
    }

    @Test
    void tooManyOpsPerSecondAreRejectedAsRateLimited() throws Exception {
        try (WsClient agent = new WsClient(port)) {
            agent.join("s2", "agent-2", "t-agent2", 0);
            agent.awaitType("joined");
            for (int i = 0; i < 40; i++) {
                agent.send(ARROW.formatted("r" + i, "rate-" + i));
            }
            JsonNode reject = agent.await(m -> m.path("type").asText().equals("reject")
                    && m.path("code").asText().equals("rate_limited"));
            assertThat(reject.path("opId").asText()).startsWith("r");
        }
    }
}
