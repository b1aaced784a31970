package org.remotesupport.signaling.store.redis;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.entry.PhotoStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The photo store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisPhotoStoreTest extends PhotoStoreContract {

    private final RedisFixture redis;

    RedisPhotoStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected PhotoStore newStore() {
        return anotherNode();
    }

    @Override
    protected PhotoStore anotherNode() {
        return new RedisPhotoStore(redis.connect(), redis.keys(), Duration.ofDays(30), new SecureRandom());
    }
}
