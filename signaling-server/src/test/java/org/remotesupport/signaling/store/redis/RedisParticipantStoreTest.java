package org.remotesupport.signaling.store.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.ParticipantStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The participant store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisParticipantStoreTest extends ParticipantStoreContract {

    private final RedisFixture redis;

    RedisParticipantStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected ParticipantStore newStore() {
        return anotherNode();
    }

    @Override
    protected ParticipantStore anotherNode() {
        return new RedisParticipantStore(redis.connect(), redis.keys(), Duration.ofHours(12));
    }
}
