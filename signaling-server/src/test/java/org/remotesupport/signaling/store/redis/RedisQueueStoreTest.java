package org.remotesupport.signaling.store.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.queue.QueueStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The queue store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisQueueStoreTest extends QueueStoreContract {

    private final RedisFixture redis;

    RedisQueueStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected QueueStore newStore() {
        return anotherNode();
    }

    @Override
    protected QueueStore anotherNode() {
        return new RedisQueueStore(redis.connect(), redis.keys());
    }
}
