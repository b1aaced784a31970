package org.remotesupport.signaling.cluster;

import java.util.List;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.ParticipantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Treats the participants of a dead node as if their connections had dropped: each still connected
 * through that node becomes resumable for the grace period, so its sessions hear that it is
 * reconnecting and, if it does not come back on another node in time, that it left. Without this,
 * nobody would ever tell the others: the node that held the connections is gone. A participant that
 * already resumed elsewhere holds another connection and is left alone. Called on the heartbeat thread.
 */
public final class DroppedParticipantsOfDeadNodes implements NodeFailureListener {

    private static final Logger log = LoggerFactory.getLogger(DroppedParticipantsOfDeadNodes.class);

    private final ParticipantStore store;
    private final ParticipantService participants;

    public DroppedParticipantsOfDeadNodes(ParticipantStore store, ParticipantService participants) {
        this.store = store;
        this.participants = participants;
    }

    @Override
    public void nodeFailed(String nodeId, List<String> participantIds) {
        for (String participantId : participantIds) {
            try {
                store.find(participantId)
                        .filter(record -> record.isConnected())
                        .ifPresent(record -> participants.closed(record.member(), record.connectionId(), false));
            } catch (RuntimeException e) {
                // the others of the dead node still deserve their turn
                log.warn("could not drop participant {} of dead node {}", participantId, nodeId, e);
            }
        }
    }
}
