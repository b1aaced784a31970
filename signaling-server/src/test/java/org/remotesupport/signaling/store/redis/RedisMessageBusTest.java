package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.cluster.MessageBus;
import org.remotesupport.signaling.cluster.MessageBusContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The bus contract over Redis pub/sub, each node with its own connections. */
@ExtendWith(RedisServerExtension.class)
class RedisMessageBusTest extends MessageBusContract {

    private final RedisFixture redis;

    RedisMessageBusTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected MessageBus newBus() {
        return anotherNode();
    }

    @Override
    protected MessageBus anotherNode() {
        return new RedisMessageBus(redis.connect(), redis.keys());
    }

    @Test
    void aTopicIsAPrefixedChannel() {
        MessageBus bus = newBus();
        MessageBus.Subscription subscription = bus.subscribe("deliver.node-a", message -> { });
        assertThat(redis.server().command("PUBSUB", "NUMSUB", "rs:bus:deliver.node-a")).isEqualTo("*2");
        assertThat(bus.publish("deliver.node-a", "x")).isEqualTo(1);
        subscription.close();
        assertThat(bus.publish("deliver.node-a", "x")).isZero();
    }
}
