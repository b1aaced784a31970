package org.remotesupport.signaling.session;

import java.util.Objects;
import org.remotesupport.protocol.signaling.ServerMessage;

/** One participant as a session knows it: the connection's participant id, its role and display name. */
public record Member(String participantId, Role role, String name) {

    public Member {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
    }

    /** This participant in another role: an agent who joins a session as its expert or observer. */
    public Member withRole(Role newRole) {
        return new Member(participantId, newRole, name);
    }

    /** How other participants see this one on the wire. */
    public ServerMessage.Participant toWire() {
        return new ServerMessage.Participant(participantId, role.wire(), name);
    }
}
