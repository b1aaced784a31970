package org.remotesupport.signaling.presence;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable snapshot of one agent's presence as a {@link PresenceStore} holds it: what the agent
 * declared, the sessions it serves, the offer ringing at it and how long the presence lives without
 * a heartbeat.
 *
 * @param agentId       the agent's stable identity (its account; the participant id for agents
 *                      without one); the store's key
 * @param participantId the participant id of the agent's connection, where offers are sent
 * @param name          the display name other agents see
 * @param availability  what the agent declared; never {@link Availability#OFFLINE} in a store
 * @param languages     languages the agent serves customers in (lower-case tags such as {@code en})
 * @param categories    product categories the agent is skilled in (lower case)
 * @param capacity      how many sessions the agent serves at once (at least 1)
 * @param autoAccept    whether offers are accepted for the agent without asking
 * @param sessions      the ids of the sessions the agent serves now
 * @param offerId       the offer ringing at the agent, or null: an agent is offered one customer at a time
 * @param connected     false while the agent's connection is gone but may still resume: no offers then
 * @param idleSince     when the agent declared itself or last finished a session; longest idle is offered first
 * @param expiresAt     the presence ends at this instant unless a heartbeat extends it
 */
public record AgentPresence(String agentId, String participantId, String name, Availability availability,
                            Set<String> languages, Set<String> categories, int capacity, boolean autoAccept,
                            Set<String> sessions, String offerId, boolean connected, Instant idleSince,
                            Instant expiresAt) {

    public AgentPresence {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(idleSince, "idleSince");
        Objects.requireNonNull(expiresAt, "expiresAt");
        languages = Set.copyOf(languages);
        categories = Set.copyOf(categories);
        sessions = Set.copyOf(sessions);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
    }

    /** Whether a new offer may ring at this agent at {@code now}: available, connected, alive, not ringing, not full. */
    public boolean canTakeOffer(Instant now) {
        return availability == Availability.AVAILABLE && connected && offerId == null
                && sessions.size() < capacity && expiresAt.isAfter(now);
    }

    /** Whether the agent serves customers who speak this language. */
    public boolean speaks(String language) {
        return languages.contains(language);
    }

    /** How many more sessions the agent can take. */
    public int freeCapacity() {
        return Math.max(0, capacity - sessions.size());
    }

    /** This presence with what the agent declared replaced, keeping sessions, offer and idle time. */
    public AgentPresence redeclared(AgentPresence declared) {
        return new AgentPresence(agentId, declared.participantId, declared.name, declared.availability,
                declared.languages, declared.categories, declared.capacity, declared.autoAccept, sessions, offerId,
                declared.connected, idleSince, declared.expiresAt);
    }

    public AgentPresence withOffer(String newOfferId) {
        return new AgentPresence(agentId, participantId, name, availability, languages, categories, capacity,
                autoAccept, sessions, newOfferId, connected, idleSince, expiresAt);
    }

    public AgentPresence withSessions(Set<String> newSessions, Instant newIdleSince) {
        return new AgentPresence(agentId, participantId, name, availability, languages, categories, capacity,
                autoAccept, newSessions, offerId, connected, newIdleSince, expiresAt);
    }

    public AgentPresence withAvailability(Availability newAvailability) {
        return new AgentPresence(agentId, participantId, name, newAvailability, languages, categories, capacity,
                autoAccept, sessions, offerId, connected, idleSince, expiresAt);
    }

    public AgentPresence withConnection(String newParticipantId, boolean newConnected, Instant newExpiresAt) {
        return new AgentPresence(agentId, newParticipantId, name, availability, languages, categories, capacity,
                autoAccept, sessions, offerId, newConnected, idleSince, newExpiresAt);
    }

    public AgentPresence withExpiresAt(Instant newExpiresAt) {
        return new AgentPresence(agentId, participantId, name, availability, languages, categories, capacity,
                autoAccept, sessions, offerId, connected, idleSince, newExpiresAt);
    }
}
