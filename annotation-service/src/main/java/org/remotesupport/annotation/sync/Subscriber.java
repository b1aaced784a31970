package org.remotesupport.annotation.sync;

/**
 * Where a session's messages go for one connected client: JSON text in, nothing out. Called under
 * the session's lock, in seq order, from whichever thread committed the op; must not block.
 */
@FunctionalInterface
public interface Subscriber {

    /** Queues one text frame for the client. */
    void deliver(String json);
}
