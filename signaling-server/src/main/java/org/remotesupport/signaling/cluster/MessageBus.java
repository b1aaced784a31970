package org.remotesupport.signaling.cluster;

import java.util.function.Consumer;

/**
 * Carries text messages between signaling nodes by topic: a message published to a topic reaches
 * every listener subscribed to that topic at that moment, on any node, at most once; nothing is kept
 * for listeners that subscribe later. Messages published one after another (the first publish has
 * returned before the second starts, on any node) reach a listener in that order. {@link #publish}
 * may be called from any thread and returns once the message is handed to the transport; listeners
 * are called on the bus's own delivery thread, one message at a time, and must not block.
 */
public interface MessageBus {

    /** Publishes a message to a topic; returns how many listeners it reached, where the transport tells. */
    long publish(String topic, String message);

    /** Calls {@code listener} with every message published to the topic from now on, until the subscription is closed. */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** A listener's registration; closing it stops deliveries to that listener. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
