package org.remotesupport.signaling.store.redis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.remotesupport.signaling.presence.AgentPresence;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.presence.UpdatingPresenceStore;

/**
 * A {@link PresenceStore} in Redis, shared by every signaling node: the hash {@code rs:presence} maps
 * each agent id to its presence as JSON. Every method is one optimistic step ({@link JsonHash}): the
 * condition (can the agent take an offer, does this offer still ring, did the presence expire) is
 * decided in Java on the value read, and the write applies only if that value is still stored, so of
 * two nodes racing exactly one sees its condition hold. Called from any thread.
 */
public final class RedisPresenceStore extends UpdatingPresenceStore {

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
    public Optional<AgentPresence> remove(String agentId) {
        return presences.removeIf(agentId, p -> true, NOTHING_ELSE);
    }

    @Override
    public Optional<AgentPresence> removeIfExpired(String agentId, Instant now) {
        return presences.removeIf(agentId, p -> !p.expiresAt().isAfter(now), NOTHING_ELSE);
    }

    @Override
    protected Optional<AgentPresence> update(String agentId, UnaryOperator<AgentPresence> change) {
        return presences.update(agentId, p -> p == null ? null : change.apply(p), NOTHING_ELSE);
    }
}
