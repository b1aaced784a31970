package org.remotesupport.signaling.presence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the presence of every agent is kept, shared by all signaling nodes: snapshots in, snapshots
 * out, keyed by {@link AgentPresence#agentId()}. Every method is one atomic step on the store (on
 * Redis: one command or one script), may be called from any thread, and never blocks for long.
 * The conditional methods ("if ...") are what several nodes race on: exactly one caller sees its
 * condition hold, so an agent is never offered two customers and never exceeds its capacity.
 */
public interface PresenceStore {

    /**
     * Stores what the agent declared: every field of {@code declared} except {@code sessions},
     * {@code offerId} and {@code idleSince}, which are kept from the stored presence if there is one
     * (a new presence takes them from {@code declared}).
     *
     * @return the presence as stored
     */
    AgentPresence declare(AgentPresence declared);

    /** The presence of an agent, if it has one (expired ones included until they are removed). */
    Optional<AgentPresence> find(String agentId);

    /** Every stored presence, in no particular order. */
    List<AgentPresence> all();

    /**
     * Extends the presence to {@code expiresAt} if it belongs to this connection: a heartbeat.
     *
     * @return false if there is no presence or another connection holds it
     */
    boolean heartbeat(String agentId, String participantId, Instant expiresAt);

    /**
     * Marks the presence connected or not (while its connection may still resume) and sets its
     * expiry, if it belongs to {@code participantId}.
     *
     * @return the updated presence, or empty if there is none or another connection holds it
     */
    Optional<AgentPresence> setConnected(String agentId, String participantId, boolean connected, Instant expiresAt);

    /** Sets the availability, keeping everything else; empty if there is no presence. */
    Optional<AgentPresence> setAvailability(String agentId, Availability availability);

    /**
     * Lets an offer ring at the agent: if {@link AgentPresence#canTakeOffer(Instant)} holds at
     * {@code now}, sets {@code offerId}.
     *
     * @return the updated presence, or empty (changing nothing) if the agent cannot take an offer
     */
    Optional<AgentPresence> reserve(String agentId, String offerId, Instant now);

    /**
     * Ends a ringing offer: if the agent's {@code offerId} is this one, clears it.
     *
     * @return the updated presence, or empty (changing nothing) if another offer or none rings
     */
    Optional<AgentPresence> clearOffer(String agentId, String offerId);

    /**
     * Adds a session to the agent. With an {@code offerId}, only if that offer rings at the agent,
     * and it is cleared in the same step; with null, unconditionally (an invited expert or observer
     * joins whatever its load).
     *
     * @return the updated presence, or empty (changing nothing) if the offer no longer rings or there
     *         is no presence
     */
    Optional<AgentPresence> startSession(String agentId, String offerId, String sessionId);

    /**
     * Removes a session from the agent and sets {@code idleSince} to {@code now}.
     *
     * @return the updated presence, or empty if there is none
     */
    Optional<AgentPresence> endSession(String agentId, String sessionId, Instant now);

    /** Removes the presence: the agent went offline. Returns its last snapshot. */
    Optional<AgentPresence> remove(String agentId);

    /**
     * Removes the presence if it expired at {@code now} (its heartbeat stopped: the node holding the
     * agent's connection is gone, or the grace for resuming the connection ran out).
     *
     * @return its last snapshot, or empty if it is alive or gone; of several nodes sweeping at once,
     *         exactly one gets it
     */
    Optional<AgentPresence> removeIfExpired(String agentId, Instant now);
}
