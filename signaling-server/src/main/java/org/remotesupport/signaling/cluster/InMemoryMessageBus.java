package org.remotesupport.signaling.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageBus} within this process, for a single node: {@link #publish} calls the topic's
 * listeners on the publishing thread, in subscription order, before it returns. Thread-safe.
 */
public final class InMemoryMessageBus implements MessageBus {

    private static final Logger log = LoggerFactory.getLogger(InMemoryMessageBus.class);

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    @Override
    public long publish(String topic, String message) {
        List<Consumer<String>> subscribed = listeners.getOrDefault(topic, List.of());
        // a monitor per topic keeps concurrent publishers from interleaving at one listener
        synchronized (subscribed) {
            for (Consumer<String> listener : subscribed) {
                try {
                    listener.accept(message);
                } catch (RuntimeException e) {
                    // one failing listener must not keep the message from the others
                    log.warn("listener on {} failed", topic, e);
                }
            }
        }
        return subscribed.size();
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        List<Consumer<String>> subscribed = listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        subscribed.add(listener);
        return () -> subscribed.remove(listener);
    }
}
