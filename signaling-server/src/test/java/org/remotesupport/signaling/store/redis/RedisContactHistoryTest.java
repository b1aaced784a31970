package org.remotesupport.signaling.store.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.ContactHistoryContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The contact history contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisContactHistoryTest extends ContactHistoryContract {

    private final RedisFixture redis;

    RedisContactHistoryTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected ContactHistory newStore() {
        return anotherNode();
    }

    @Override
    protected ContactHistory anotherNode() {
        return new RedisContactHistory(redis.connect(), redis.keys(), Duration.ofDays(30));
    }
}
