package org.remotesupport.signaling.store.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.ticket.TicketStore;
import org.remotesupport.signaling.ticket.TicketStoreContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The ticket store contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisTicketStoreTest extends TicketStoreContract {

    private final RedisFixture redis;

    RedisTicketStoreTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected TicketStore newStore() {
        return anotherNode();
    }

    @Override
    protected TicketStore anotherNode() {
        return new RedisTicketStore(redis.connect(), redis.keys(), Duration.ofDays(30));
    }
}
