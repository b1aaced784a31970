package org.remotesupport.signaling.store.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.invite.InviteStore;
import org.remotesupport.signaling.invite.InviteStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The invite store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisInviteStoreTest extends InviteStoreContract {

    private final RedisFixture redis;

    RedisInviteStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected InviteStore newStore() {
        return anotherNode();
    }

    @Override
    protected InviteStore anotherNode() {
        return new RedisInviteStore(redis.connect(), redis.keys());
    }
}
