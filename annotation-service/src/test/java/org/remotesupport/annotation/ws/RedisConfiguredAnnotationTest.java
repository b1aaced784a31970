package org.remotesupport.annotation.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.annotation.log.OpLogStore;
import org.remotesupport.annotation.log.RedisOpLogStore;
import org.remotesupport.testsupport.redis.RedisServerExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code remote-support.redis.uri} set, the endpoint's op log is the Redis Streams one, under the key prefix. */
@SpringBootTest(classes = RedisConfiguredAnnotationTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "remote-support.redis.key-prefix=cfg:")
class RedisConfiguredAnnotationTest {

    @SpringBootApplication
    static class TestApplication {
        @Bean
        AnnotationAccess annotationAccess() {
            return (session, participant, token) -> Optional.of(new Access(participant, AnnotationRole.AGENT, Instant.EPOCH));
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("remote-support.redis.uri", () -> RedisServerExtension.sharedServer().uri());
    }

    @LocalServerPort
    int port;

    @Autowired
    OpLogStore store;

    @Test
    void opsGoToARedisStream() throws Exception {
        assertThat(store).isInstanceOf(RedisOpLogStore.class);
        try (WsClient agent = new WsClient(port)) {
            agent.join("redis-session", "agent-r", "any", 0);
            agent.awaitType("joined");
            agent.send(AnnotationHandlerTest.ARROW.formatted("r1", "in-redis"));
            assertThat(agent.awaitType("commit").path("seq").asLong()).isEqualTo(1);
        }
        RedisClient client = RedisClient.create(RedisServerExtension.sharedServer().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().xlen("cfg:annotations:{redis-session}:log")).isEqualTo(1);
        } finally {
            client.shutdown();
        }
    }
}
