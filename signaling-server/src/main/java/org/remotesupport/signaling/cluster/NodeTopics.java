package org.remotesupport.signaling.cluster;

/** The names of the {@link MessageBus} topics that address one node; in Redis each is a channel (see RedisKeys). */
public final class NodeTopics {

    private NodeTopics() {
    }

    /** Messages for participants connected to the node: JSON {@code {"to": participantId, "message": ServerMessage}}. */
    public static String deliveries(String nodeId) {
        return "deliver." + nodeId;
    }

    /**
     * Relay events for endpoints whose participant is connected to the node: JSON
     * {@code {"endpointId", "offer": RelayOffer}} or {@code {"endpointId", "state": "CONNECTED"|"DISCONNECTED"}}.
     */
    public static String relayEvents(String nodeId) {
        return "relay." + nodeId;
    }
}
