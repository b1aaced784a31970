package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.cluster.ParticipantDirectoryContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The directory contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisParticipantDirectoryTest extends ParticipantDirectoryContract {

    private final RedisFixture redis;

    RedisParticipantDirectoryTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected ParticipantDirectory directoryOf(ClusterNode node) {
        return new RedisParticipantDirectory(redis.connect(), redis.keys(), node, TIMEOUT);
    }

    @Test
    void theNextHeartbeatRestoresWhatARestartedRedisLost() {
        // a server of its own, restarted without persistence: every entry is gone
        try (RedisServer own = RedisServer.start()) {
            RedisFixture fixture = new RedisFixture(own);
            try {
                ParticipantDirectory a = new RedisParticipantDirectory(fixture.connect(), fixture.keys(),
                        new ClusterNode("node-a"), TIMEOUT);
                a.refresh(List.of("p1"));
                a.bind("p1");

                own.restart();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        a.refresh(List.of("p1"));
                        break;
                    } catch (RuntimeException stillReconnecting) {
                        // the client reconnects on its own; the next beat tries again
                        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                    }
                }
                assertThat(a.nodeOf("p1")).contains("node-a");
                assertThat(a.liveNodes()).containsExactly("node-a");
            } finally {
                fixture.close();
            }
        }
    }
}
