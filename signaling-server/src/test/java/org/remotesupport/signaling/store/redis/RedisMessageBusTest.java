package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    @Test
    void subscriptionsComeBackAfterRedisRestarts() throws InterruptedException {
        // a server of its own, restarted under the nodes' feet
        try (RedisServer own = RedisServer.start()) {
            RedisFixture fixture = new RedisFixture(own);
            try {
                MessageBus listening = new RedisMessageBus(fixture.connect(), fixture.keys());
                MessageBus publishing = new RedisMessageBus(fixture.connect(), fixture.keys());
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                listening.subscribe("deliver.node-a", received::add);

                own.restart();

                // the client reconnects on its own; publishes fail or reach nobody until it has resubscribed
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                String got = null;
                while (got == null && System.nanoTime() < deadline) {
                    try {
                        publishing.publish("deliver.node-a", "after the restart");
                    } catch (RuntimeException stillReconnecting) {
                        // the publishing connection is reconnecting too
                    }
                    got = received.poll(200, TimeUnit.MILLISECONDS);
                }
                assertThat(got).isEqualTo("after the restart");
            } finally {
                fixture.close();
            }
        }
    }
}
