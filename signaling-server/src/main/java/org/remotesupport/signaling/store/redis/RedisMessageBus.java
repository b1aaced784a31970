package org.remotesupport.signaling.store.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.remotesupport.signaling.cluster.MessageBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageBus} over Redis pub/sub: a topic is the channel {@code rs:bus:{topic}}. Publishing
 * waits for Redis to take the message, so a publish that has returned precedes, at every subscriber,
 * any publish that starts after it (Redis hands a channel's messages to each subscriber in the order
 * it executed the {@code PUBLISH} commands). Listeners are called on Lettuce's event loop thread of the
 * node's subscription connection, in arrival order; Lettuce subscribes again after a reconnect
 * (messages published while the link was down are lost, as pub/sub promises no more).
 */
public final class RedisMessageBus implements MessageBus {

    private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisKeys keys;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    public RedisMessageBus(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.pubSub = connections.pubSub();
        this.keys = keys;
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliver(channel, message);
            }
        });
    }

    @Override
    public long publish(String topic, String message) {
        Long receivers = redis.publish(keys.busChannel(topic), message);
        return receivers == null ? 0 : receivers;
    }

    @Override
    public synchronized Subscription subscribe(String topic, Consumer<String> listener) {
        String channel = keys.busChannel(topic);
        List<Consumer<String>> subscribed = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
        if (subscribed.isEmpty()) {
            pubSub.sync().subscribe(channel);
        }
        subscribed.add(listener);
        return () -> unsubscribe(channel, listener);
    }

    private synchronized void unsubscribe(String channel, Consumer<String> listener) {
        List<Consumer<String>> subscribed = listeners.get(channel);
        if (subscribed != null && subscribed.remove(listener) && subscribed.isEmpty() && pubSub.isOpen()) {
            try {
                pubSub.sync().unsubscribe(channel);
            } catch (RuntimeException e) {
                // the connection is closing: its subscriptions end with it
                log.debug("could not unsubscribe from {}: {}", channel, e.toString());
            }
        }
    }

    private void deliver(String channel, String message) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                // one failing listener must not keep the message from the others
                log.warn("listener on {} failed", channel, e);
            }
        }
    }
}
