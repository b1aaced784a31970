package org.remotesupport.signaling.ws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.session.MessageSink;

/**
 * The open connections of this node by participant id; delivers messages to them. Thread-safe:
 * connections come and go on WebSocket threads while relay events send from their own.
 */
final class Connections implements MessageSink {

    private final Map<String, Connection> byParticipant = new ConcurrentHashMap<>();

    void add(Connection connection) {
        byParticipant.put(connection.participantId(), connection);
    }

    void remove(Connection connection) {
        byParticipant.remove(connection.participantId(), connection);
    }

    /**
     * Moves a connection to the participant it resumed; returns the connection of this node that
     * spoke for that participant until now, if any, for the caller to close.
     */
    Connection adopt(Connection connection, org.remotesupport.signaling.session.Member resumed) {
        byParticipant.remove(connection.participantId(), connection);
        connection.adopt(resumed);
        Connection superseded = byParticipant.put(resumed.participantId(), connection);
        return superseded == connection ? null : superseded;
    }

    Collection<Connection> snapshot() {
        return List.copyOf(byParticipant.values());
    }

    int size() {
        return byParticipant.size();
    }

    @Override
    public void send(String participantId, ServerMessage message) {
        Connection connection = byParticipant.get(participantId);
        if (connection != null) {
            connection.send(message);
        }
    }
}
