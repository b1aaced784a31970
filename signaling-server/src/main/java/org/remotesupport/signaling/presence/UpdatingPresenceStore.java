package org.remotesupport.signaling.presence;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The conditional changes of a {@link PresenceStore} written once, on top of the one atomic step each
 * implementation provides ({@link #update}): the in-memory store does it with a map's compute, the
 * Redis store with an optimistic write. Called from any thread.
 */
public abstract class UpdatingPresenceStore implements PresenceStore {

    /**
     * Applies {@code change} to the agent's stored presence as one atomic step; {@code change} returns
     * null to refuse. Returns the new presence only when the change was made (empty when refused or
     * when the agent has no presence).
     */
    protected abstract Optional<AgentPresence> update(String agentId, UnaryOperator<AgentPresence> change);

    @Override
    public final boolean heartbeat(String agentId, String participantId, Instant expiresAt) {
        return update(agentId, p -> p.participantId().equals(participantId) ? p.withExpiresAt(expiresAt) : null)
                .isPresent();
    }

    @Override
    public final Optional<AgentPresence> setConnected(String agentId, String participantId, boolean connected,
                                                      Instant expiresAt) {
        return update(agentId, p -> p.participantId().equals(participantId)
                ? p.withConnection(participantId, connected, expiresAt) : null);
    }

    @Override
    public final Optional<AgentPresence> setAvailability(String agentId, Availability availability) {
        return update(agentId, p -> p.withAvailability(availability));
    }

    @Override
    public final Optional<AgentPresence> reserve(String agentId, String offerId, Instant now) {
        return update(agentId, p -> p.canTakeOffer(now) ? p.withOffer(offerId) : null);
    }

    @Override
    public final Optional<AgentPresence> clearOffer(String agentId, String offerId) {
        return update(agentId, p -> offerId.equals(p.offerId()) ? p.withOffer(null) : null);
    }

    @Override
    public final Optional<AgentPresence> startSession(String agentId, String offerId, String sessionId) {
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
    public final Optional<AgentPresence> endSession(String agentId, String sessionId, Instant now) {
        return update(agentId, p -> {
            Set<String> sessions = new HashSet<>(p.sessions());
            return sessions.remove(sessionId) ? p.withSessions(sessions, now) : p;
        });
    }
}
