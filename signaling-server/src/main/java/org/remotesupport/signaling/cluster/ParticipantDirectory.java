package org.remotesupport.signaling.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which signaling node holds each participant's WebSocket connection, shared by every node so that a
 * message for a participant can be sent to the node it is connected to. An entry lives for the
 * cluster's node timeout unless the node renews it with {@link #refresh}, so the entries of a
 * crashed node disappear on their own. Every method is atomic and may be called from any thread.
 */
public interface ParticipantDirectory {

    /** The node this directory speaks for: {@link #bind}, {@link #unbind} and {@link #refresh} act for it. */
    ClusterNode node();

    /** Records that the participant is connected to this node, replacing any other node's entry. */
    void bind(String participantId);

    /** Removes the participant's entry if it still names this node (another node may have taken it over). */
    void unbind(String participantId);

    /** The node the participant is connected to, if it is connected anywhere. */
    Optional<String> nodeOf(String participantId);

    /**
     * The heartbeat: renews this node's own entry and those of these participants, which it still
     * holds, unless another node has taken one over meanwhile.
     */
    void refresh(Collection<String> participantIds);

    /** The nodes whose entry is live: those that renewed it within the node timeout. */
    Set<String> liveNodes();

    /** Removes this node's own entry and those of these participants (a clean shutdown). */
    void leave(Collection<String> participantIds);

    /** A node whose entry expired (it stopped renewing it: it crashed) and the participants it held. */
    record DeadNode(String nodeId, List<String> participantIds) {

        public DeadNode {
            participantIds = List.copyOf(participantIds);
        }
    }

    /**
     * Takes the nodes whose entry expired out of the directory, each with the participants that were
     * bound to it and not taken over by another node since. Of several nodes asking at once, exactly
     * one gets each dead node.
     */
    List<DeadNode> takeDeadNodes();
}
