package org.remotesupport.signaling.store.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.identity.AccountStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The account store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisAccountStoreTest extends AccountStoreContract {

    private final RedisFixture redis;

    RedisAccountStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected AccountStore newStore() {
        return anotherNode();
    }

    @Override
    protected AccountStore anotherNode() {
        return new RedisAccountStore(redis.connect(), redis.keys());
    }
}
