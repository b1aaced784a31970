package org.remotesupport.signaling.cluster;

import java.util.List;

/**
 * Told when this node found another node dead (its entry in the directory expired: it crashed or lost
 * Redis for longer than the node timeout), with the participants that were connected to it. Exactly one
 * surviving node is told about each dead node. Called on the heartbeat thread; implementations return
 * quickly and never throw.
 */
public interface NodeFailureListener {

    /** The node {@code nodeId} is gone; these participants lost their connection with it. */
    void nodeFailed(String nodeId, List<String> participantIds);
}
