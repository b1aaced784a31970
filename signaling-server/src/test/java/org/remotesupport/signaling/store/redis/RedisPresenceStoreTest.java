package org.remotesupport.signaling.store.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.presence.PresenceStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The presence store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisPresenceStoreTest extends PresenceStoreContract {

    private final RedisFixture redis;

    RedisPresenceStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected PresenceStore newStore() {
        return anotherNode();
    }

    @Override
    protected PresenceStore anotherNode() {
        return new RedisPresenceStore(redis.connect(), redis.keys());
    }
}
