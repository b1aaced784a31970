package org.remotesupport.signaling.cluster;

import java.util.Collection;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * The participants whose WebSocket connection is open on this node: the only state a node keeps to
 * itself. Implemented by the WebSocket layer; callable from any thread.
 */
public interface LocalConnections {

    /** Sends a message to a participant connected to this node; false if it is not connected here. */
    boolean deliver(String participantId, ServerMessage message);

    /** The participants connected to this node now. */
    Collection<String> participantIds();
}
