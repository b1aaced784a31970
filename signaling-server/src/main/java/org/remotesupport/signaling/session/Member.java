package org.remotesupport.signaling.session;

import java.util.Objects;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * One participant as a session knows it: the connection's participant id, its role, display name and
 * {@code subject}, who its token says it is (the account's username, or the customer's id). Several
 * connections of one account have different participant ids and the same subject.
 */
public record Member(String participantId, Role role, String name, String subject) {

    public Member {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }

    /** A member whose subject is its participant id (tests, connections without an account). */
    public Member(String participantId, Role role, String name) {
        this(participantId, role, name, participantId);
    }

    /** This participant in another role: an agent who joins a session as its expert or observer. */
    public Member withRole(Role newRole) {
        return new Member(participantId, newRole, name, subject);
    }

    /** How other participants see this one on the wire. */
    public ServerMessage.Participant toWire() {
        return new ServerMessage.Participant(participantId, role.wire(), name);
    }
}
