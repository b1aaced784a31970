package org.remotesupport.signaling.presence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * A {@link PresenceStore} in this process's memory, for a single signaling node. Thread-safe: each
 * conditional change is one {@link ConcurrentMap#compute} on the agent's entry, so it is atomic
 * against every other change to that agent.
 */
public final class InMemoryPresenceStore extends UpdatingPresenceStore {

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

    @Override
    protected Optional<AgentPresence> update(String agentId, UnaryOperator<AgentPresence> change) {
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
