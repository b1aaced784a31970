package org.remotesupport.signaling.store.redis;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.identity.AttemptCounter;
import org.remotesupport.signaling.identity.AttemptCounterContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The attempt counter contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisAttemptCounterTest extends AttemptCounterContract {

    private final RedisFixture redis;

    RedisAttemptCounterTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected AttemptCounter newCounter() {
        return anotherNode();
    }

    @Override
    protected AttemptCounter anotherNode() {
        return new RedisAttemptCounter(redis.connect(), redis.keys(), Clock.systemUTC());
    }
}
