package org.remotesupport.signaling.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link ParticipantDirectory} in this process's memory. On its own it serves a single node; nodes
 * in one process (tests) may share the tables by creating their directories with {@link #joining}.
 * Entries expire after the node timeout by the given clock, as the shared store's do. Thread-safe.
 */
public final class InMemoryParticipantDirectory implements ParticipantDirectory {

    private record Entry(String node, Instant expiresAt) {
    }

    private final ClusterNode node;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Entry> participants;
    private final Map<String, Instant> nodes;

    public InMemoryParticipantDirectory(ClusterNode node, Clock clock, Duration timeout) {
        this(node, clock, timeout, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private InMemoryParticipantDirectory(ClusterNode node, Clock clock, Duration timeout,
                                         Map<String, Entry> participants, Map<String, Instant> nodes) {
        this.node = node;
        this.clock = clock;
        this.timeout = timeout;
        this.participants = participants;
        this.nodes = nodes;
        nodes.put(node.id(), clock.instant().plus(timeout));
    }

    /** A directory for another node that shares this one's tables. */
    public InMemoryParticipantDirectory joining(ClusterNode other) {
        return new InMemoryParticipantDirectory(other, clock, timeout, participants, nodes);
    }

    @Override
    public ClusterNode node() {
        return node;
    }

    @Override
    public void bind(String participantId) {
        participants.put(participantId, new Entry(node.id(), expiry()));
    }

    @Override
    public void unbind(String participantId) {
        participants.computeIfPresent(participantId, (p, e) -> e.node().equals(node.id()) ? null : e);
    }

    @Override
    public Optional<String> nodeOf(String participantId) {
        Entry entry = participants.get(participantId);
        return entry == null || !clock.instant().isBefore(entry.expiresAt())
                ? Optional.empty() : Optional.of(entry.node());
    }

    @Override
    public void refresh(Collection<String> participantIds) {
        Instant now = clock.instant();
        Instant expiry = now.plus(timeout);
        nodes.put(node.id(), expiry);
        for (String participantId : participantIds) {
            participants.compute(participantId, (p, e) ->
                    e == null || e.node().equals(node.id()) ? new Entry(node.id(), expiry) : e);
        }
    }

    @Override
    public Set<String> liveNodes() {
        Instant now = clock.instant();
        return nodes.entrySet().stream().filter(e -> now.isBefore(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void leave(Collection<String> participantIds) {
        participantIds.forEach(this::unbind);
        nodes.remove(node.id());
    }

    @Override
    public List<DeadNode> takeDeadNodes() {
        Instant now = clock.instant();
        List<DeadNode> dead = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : List.copyOf(nodes.entrySet())) {
            // removing the exact entry read makes one of several sweepers the one that takes the node
            if (now.isBefore(entry.getValue()) || !nodes.remove(entry.getKey(), entry.getValue())) {
                continue;
            }
            List<String> held = new ArrayList<>();
            participants.forEach((participant, e) -> {
                if (e.node().equals(entry.getKey())) {
                    held.add(participant);
                }
            });
            held.forEach(participant -> participants.computeIfPresent(participant,
                    (p, e) -> e.node().equals(entry.getKey()) ? null : e));
            dead.add(new DeadNode(entry.getKey(), held));
        }
        return dead;
    }

    private Instant expiry() {
        return clock.instant().plus(timeout);
    }
}
