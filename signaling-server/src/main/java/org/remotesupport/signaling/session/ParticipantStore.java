package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who holds which participant id, shared by all signaling nodes, so that a client whose WebSocket
 * dropped can come back with its resume token, on any node, and carry on as the same participant.
 * Keyed by participant id and findable by resume-token hash. Every method is one atomic step on the
 * store (on Redis: one command or one script); callable from any thread. The conditional methods are
 * what nodes race on: exactly one caller sees its condition hold.
 */
public interface ParticipantStore {

    /** Stores a participant that just completed {@code hello}; replaces nothing (participant ids are fresh). */
    void put(ParticipantRecord record);

    /** The record of a participant. */
    Optional<ParticipantRecord> find(String participantId);

    /**
     * Hands the participant to a new connection: if a record holds {@code tokenHash} and is
     * {@link ParticipantRecord#resumableAt(Instant) resumable} at {@code now}, it gets the new
     * connection and the new token hash (the old token is used up) and is connected again.
     *
     * @return the record as it was before (its {@code connectionId} is the superseded connection),
     *         or empty, changing nothing, if the token is unknown, used up or its grace ran out
     */
    Optional<ParticipantRecord> resume(String tokenHash, String connectionId, String newTokenHash, Instant now);

    /**
     * Marks the participant dropped, if {@code connectionId} still holds it and it is connected:
     * it may resume until {@code graceUntil}.
     *
     * @return the updated record, or empty (changing nothing) if another connection took it over
     */
    Optional<ParticipantRecord> disconnect(String participantId, String connectionId, Instant now, Instant graceUntil);

    /** The dropped participants whose grace ran out at {@code now}. */
    List<ParticipantRecord> expired(Instant now);

    /**
     * Removes the record if the participant is dropped and its grace ran out at {@code now}.
     *
     * @return the removed record, or empty if it resumed or is gone; of several nodes sweeping at
     *         once, exactly one gets it
     */
    Optional<ParticipantRecord> removeIfExpired(String participantId, Instant now);

    /** Removes the record whatever its state (the participant ended everything it was in); returns it. */
    Optional<ParticipantRecord> remove(String participantId);
}
