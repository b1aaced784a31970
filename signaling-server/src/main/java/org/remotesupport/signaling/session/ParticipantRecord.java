package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.Objects;

/**
 * An immutable snapshot of one participant as a {@link ParticipantStore} keeps it, so that a dropped
 * WebSocket can resume as the same participant on any node.
 *
 * @param member          who the participant is (its participant id is the key)
 * @param resumeTokenHash SHA-256 of the resume token the participant holds now (hex); the token
 *                        itself is never stored
 * @param connectionId    the connection that holds the participant now; a closing connection that
 *                        is no longer this one changes nothing
 * @param disconnectedAt  when the connection dropped, or null while connected
 * @param graceUntil      after a drop, the participant may resume until this instant; null while connected
 */
public record ParticipantRecord(Member member, String resumeTokenHash, String connectionId, Instant disconnectedAt,
                                Instant graceUntil) {

    public ParticipantRecord {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(resumeTokenHash, "resumeTokenHash");
        Objects.requireNonNull(connectionId, "connectionId");
    }

    /** A participant whose connection is open. */
    public static ParticipantRecord connected(Member member, String resumeTokenHash, String connectionId) {
        return new ParticipantRecord(member, resumeTokenHash, connectionId, null, null);
    }

    /** The key of the record. */
    public String participantId() {
        return member.participantId();
    }

    /** Whether the connection is open. */
    public boolean isConnected() {
        return disconnectedAt == null;
    }

    /** Whether the participant may still take its place at {@code now}: connected, or dropped within the grace. */
    public boolean resumableAt(Instant now) {
        return isConnected() || graceUntil.isAfter(now);
    }
}
