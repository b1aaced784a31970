package org.remotesupport.signaling.presence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link PresenceStore} in this process's memory, for a single signaling node. Thread-safe: each
 * conditional change is one {@link ConcurrentMap#compute} on the agent's entry, so it is atomic
 * against every other change to that agent.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final ConcurrentMap<String, AgentPresence> presences = new ConcurrentHashMap<>();

    @Override
    public AgentPresence declare(AgentPresence declared) {
        return presences.merge(declared.agentId(), declared, (stored, fresh) -> stored.redeclared(fresh));
    }

    @Override
    public Optional<AgentPresence> find(String agentId) {
        return Optional.ofNullable(presences.get(agentId));
    }

    @Override
    public List<AgentPresence> all() {
        return List.copyOf(presences.values());
    }

    @Override
    public boolean heartbeat(String agentId, String participantId, Instant expiresAt) {
        return update(agentId, p -> p.participantId().equals(participantId) ? p.withExpiresAt(expiresAt) : null)
                .isPresent();
    }

    @Override
    public Optional<AgentPresence> setConnected(String agentId, String participantId, boolean connected,
                                                Instant expiresAt) {
        return update(agentId, p -> p.participantId().equals(participantId)
                ? p.withConnection(participantId, connected, expiresAt) : null);
    }

    @Override
    public Optional<AgentPresence> setAvailability(String agentId, Availability availability) {
        return update(agentId, p -> p.withAvailability(availability));
    }

    @Override
    public Optional<AgentPresence> reserve(String agentId, String offerId, Instant now) {
        return update(agentId, p -> p.canTakeOffer(now) ? p.withOffer(offerId) : null);
    }

    @Override
    public Optional<AgentPresence> clearOffer(String agentId, String offerId) {
        return update(agentId, p -> offerId.equals(p.offerId()) ? p.withOffer(null) : null);
    }

    @Override
    public Optional<AgentPresence> startSession(String agentId, String offerId, String sessionId) {
        return update(agentId, p -> {
            if (offerId != null && !offerId.equals(p.offerId())) {
                return null;
            }
            Set<String> sessions = new HashSet<>(p.sessions());
            sessions.add(sessionId);
            AgentPresence started = p.withSessions(sessions, p.idleSince());
            return offerId != null ? started.withOffer(null) : started;
        });
    }

    @Override
    public Optional<AgentPresence> endSession(String agentId, String sessionId, Instant now) {
        return update(agentId, p -> {
            Set<String> sessions = new HashSet<>(p.sessions());
            if (!sessions.remove(sessionId)) {
                return p;
            }
            return p.withSessions(sessions, now);
        });
    }

    @Override
    public Optional<AgentPresence> remove(String agentId) {
        return Optional.ofNullable(presences.remove(agentId));
    }

    @Override
    public Optional<AgentPresence> removeIfExpired(String agentId, Instant now) {
        AgentPresence[] removed = new AgentPresence[1];
        presences.computeIfPresent(agentId, (id, p) -> {
            if (p.expiresAt().isAfter(now)) {
                return p;
            }
            removed[0] = p;
            return null;
        });
        return Optional.ofNullable(removed[0]);
    }

    /** Applies a change that returns null to refuse; returns the new value only when the change was made. */
    private Optional<AgentPresence> update(String agentId, java.util.function.UnaryOperator<AgentPresence> change) {
        AgentPresence[] changed = new AgentPresence[1];
        presences.computeIfPresent(agentId, (id, p) -> {
            AgentPresence next = change.apply(p);
            if (next == null) {
                return p;
            }
            changed[0] = next;
            return next;
        });
        return Optional.ofNullable(changed[0]);
    }
}
