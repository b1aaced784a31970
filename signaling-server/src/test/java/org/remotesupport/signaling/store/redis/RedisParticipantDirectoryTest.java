package org.remotesupport.signaling.store.redis;

import org.junit.jupiter.api.AfterEach;
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
}
