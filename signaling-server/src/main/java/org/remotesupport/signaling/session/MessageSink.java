package org.remotesupport.signaling.session;

import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * Delivers server messages to a participant by its id, wherever it is connected. Callable from any
 * thread; never blocks for long; a participant that is no longer connected is silently skipped.
 */
public interface MessageSink {

    /** Sends one message to one participant. */
    void send(String participantId, ServerMessage message);
}
