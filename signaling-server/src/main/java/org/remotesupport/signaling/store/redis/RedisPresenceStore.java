package org.remotesupport.signaling.store.redis;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.Availability;
import org.remotesupport.signaling.presence.PresenceStore;

/**
 * A {@link PresenceStore} in Redis, shared by every signaling node: the hash {@code rs:presence} maps
 * each agent id to its presence as JSON. Every method is one optimistic step ({@link JsonHash}): the
 * condition (can the agent take an offer, does this offer still ring, did the presence expire) is
 * decided in Java on the value read, and the write applies only if that value is still stored, so of
 * two nodes racing exactly one sees its condition hold. Called from any thread.
 */
public final class RedisPresenceStore implements PresenceStore {

    private static final BiConsumer<ConditionalWrite, AgentPresence> NOTHING_ELSE = (write, presence) -> { };

    private final JsonHash<AgentPresence> presences;

    public RedisPresenceStore(RedisConnections connections, RedisKeys keys) {
        this.presences = new JsonHash<>(connections.commands(), keys.presences(), AgentPresence.class, new RedisJson());
    }

    @Override
    public AgentPresence declare(AgentPresence declared) {
        return presences.update(declared.agentId(), p -> p == null ? declared : p.redeclared(declared), NOTHING_ELSE)
                .orElseThrow();
    }

    @Override
    public Optional<AgentPresence> find(String agentId) {
        return presences.get(agentId);
    }

    @Override
    public List<AgentPresence> all() {
        return presences.all();
    }

    @Override
    public boolean heartbeat(String agentId, String participantId, Instant expiresAt) {
        return change(agentId, p -> p.participantId().equals(participantId) ? p.withExpiresAt(expiresAt) : null)
                .isPresent();
    }

    @Override
    public Optional<AgentPresence> setConnected(String agentId, String participantId, boolean connected,
                                                Instant expiresAt) {
        return change(agentId, p -> p.participantId().equals(participantId)
                ? p.withConnection(participantId, connected, expiresAt) : null);
    }

    @Override
    public Optional<AgentPresence> setAvailability(String agentId, Availability availability) {
        return change(agentId, p -> p.withAvailability(availability));
    }

    @Override
    public Optional<AgentPresence> reserve(String agentId, String offerId, Instant now) {
        return change(agentId, p -> p.canTakeOffer(now) ? p.withOffer(offerId) : null);
    }

    @Override
    public Optional<AgentPresence> clearOffer(String agentId, String offerId) {
        return change(agentId, p -> offerId.equals(p.offerId()) ? p.withOffer(null) : null);
    }

    @Override
    public Optional<AgentPresence> startSession(String agentId, String offerId, String sessionId) {
        return change(agentId, p -> {
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
        return change(agentId, p -> {
            Set<String> sessions = new HashSet<>(p.sessions());
            return sessions.remove(sessionId) ? p.withSessions(sessions, now) : p;
        });
    }

    @Override
    public Optional<AgentPresence> remove(String agentId) {
        return presences.removeIf(agentId, p -> true, NOTHING_ELSE);
    }

    @Override
    public Optional<AgentPresence> removeIfExpired(String agentId, Instant now) {
        return presences.removeIf(agentId, p -> !p.expiresAt().isAfter(now), NOTHING_ELSE);
    }

    /** A change to an existing presence; {@code change} returns null to refuse. */
    private Optional<AgentPresence> change(String agentId, UnaryOperator<AgentPresence> change) {
        return presences.update(agentId, p -> p == null ? null : change.apply(p), NOTHING_ELSE);
    }
}
