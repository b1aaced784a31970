package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where support sessions and their join codes are stored: snapshots in, snapshots out. Every method
 * is atomic and may be called from any thread. An in-memory implementation serves one node; a
 * shared store lets several signaling nodes see the same sessions.
 */
public interface SessionRegistry {

    /**
     * Stores a new session together with its join code.
     *
     * @return false, storing nothing, if the code is already in use
     */
    boolean create(SupportSession session, JoinCode code);

    /**
     * Stores a new session that needs no join code (one the matching engine made).
     *
     * @return false, storing nothing, if the session id is in use
     */
    boolean open(SupportSession session);

    /** The current snapshot of a session. */
    Optional<SupportSession> find(String sessionId);

    /** The session that a code lets into, if the code is known, unused and live at {@code now}; the code stays usable. */
    Optional<String> sessionIdForCode(String code, Instant now);

    /**
     * Uses up a code: if it is known, unused and live at {@code now}, removes it and adds the
     * customer to its session.
     *
     * @return the session with the customer in it, or empty if the code could not be used
     */
    Optional<SupportSession> redeem(String code, Member customer, Instant now);

    /** Marks whether a member holds a media endpoint; empty if the session or the member is gone. */
    Optional<SupportSession> setMedia(String sessionId, String participantId, boolean joined);

    /**
     * Adds a member (an invited expert or observer) if the session exists and the participant is not in it.
     *
     * @return the session with the member, or empty (changing nothing) otherwise
     */
    Optional<SupportSession> addMember(String sessionId, Member member);

    /**
     * Records that the session's agent invited a participant as {@code role}, if the session exists
     * and the participant is not a member; empty (changing nothing) otherwise.
     */
    Optional<SupportSession> invite(String sessionId, String participantId, Role role);

    /**
     * Turns an invitation into membership: if {@code member} is invited, removes the invitation and
     * adds the member with the role it was invited as, in one step.
     *
     * @return the session with the member, or empty (changing nothing) if there is no invitation
     */
    Optional<SupportSession> acceptInvitation(String sessionId, Member member);

    /** Removes an invitation; returns the session without it, or empty if there was none. */
    Optional<SupportSession> declineInvitation(String sessionId, String participantId);

    /** Marks a member's connection as dropped (it may resume) or back; empty if the session or the member is gone. */
    Optional<SupportSession> setReconnecting(String sessionId, String participantId, boolean reconnecting);

    /**
     * Records the relay's newest offer to a member that holds a media endpoint, replacing an older
     * one; empty (changing nothing) if the session, the member or its endpoint is gone.
     */
    Optional<SupportSession> setPendingOffer(String sessionId, String participantId, PendingOffer offer);

    /**
     * Forgets the member's pending offer if it is the one of this revision (the member answered it);
     * a newer pending offer stays. Empty if the session or the member is gone.
     */
    Optional<SupportSession> answered(String sessionId, String participantId, int revision);

    /** Removes a member; returns the session without it, or empty if the session or the member is gone. */
    Optional<SupportSession> removeMember(String sessionId, String participantId);

    /** Removes a session and its join code if still unused; returns its last snapshot. */
    Optional<SupportSession> remove(String sessionId);

    /** The ids of the sessions a participant is a member of, oldest first. */
    List<String> sessionIdsOf(String participantId);

    /** How many sessions are stored. */
    int size();

    /** Every stored session, in no particular order (for the supervisors' overview and the REST API). */
    List<SupportSession> all();
}
