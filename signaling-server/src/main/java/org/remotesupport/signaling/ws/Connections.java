package org.remotesupport.signaling.ws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.cluster.LocalConnections;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.session.Member;

/**
 * The open connections of this node by participant id; delivers messages to them and records in the
 * {@link ParticipantDirectory} that their participants are connected here, so that other nodes can
 * reach them. Thread-safe: connections come and go on WebSocket threads while relay events and the
 * cluster's inbox send from their own.
 */
final class Connections implements LocalConnections {

    private final Map<String, Connection> byParticipant = new ConcurrentHashMap<>();
    private final ParticipantDirectory directory;

    Connections(ParticipantDirectory directory) {
        this.directory = directory;
    }

    void add(Connection connection) {
        byParticipant.put(connection.participantId(), connection);
        directory.bind(connection.participantId());
    }

    void remove(Connection connection) {
        if (byParticipant.remove(connection.participantId(), connection)) {
            directory.unbind(connection.participantId());
        }
    }

    /**
     * Moves a connection to the participant it resumed; returns the connection of this node that
     * spoke for that participant until now, if any, for the caller to close.
     */
    Connection adopt(Connection connection, Member resumed) {
        if (byParticipant.remove(connection.participantId(), connection)) {
            directory.unbind(connection.participantId());
        }
        connection.adopt(resumed);
        Connection superseded = byParticipant.put(resumed.participantId(), connection);
        // the participant may have been connected to another node until now: it is reached here from now on
        directory.bind(resumed.participantId());
        return superseded == connection ? null : superseded;
    }

    Collection<Connection> snapshot() {
        return List.copyOf(byParticipant.values());
    }

    int size() {
        return byParticipant.size();
    }

    @Override
    public boolean deliver(String participantId, ServerMessage message) {
        Connection connection = byParticipant.get(participantId);
        if (connection == null) {
            return false;
        }
        connection.send(message);
        return true;
    }

    @Override
    public Collection<String> participantIds() {
        return List.copyOf(byParticipant.keySet());
    }
}
