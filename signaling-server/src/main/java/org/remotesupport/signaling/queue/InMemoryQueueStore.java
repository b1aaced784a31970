package org.remotesupport.signaling.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link QueueStore} in this process's memory, for a single signaling node. Thread-safe: one
 * monitor guards the entries, the version and the handling times; every operation is short.
 */
public final class InMemoryQueueStore implements QueueStore {

    /** How many handling times are kept. */
    static final int HANDLING_TIMES_KEPT = 100;

    private final Map<String, QueueEntry> entries = new HashMap<>();
    // the same entries by language: matching and positions ask for one language on every join, and
    // with thousands waiting in other languages a filter over all of them would cost each join that much
    private final Map<String, Map<String, QueueEntry>> byLanguage = new HashMap<>();
    private final Deque<Duration> handlingTimes = new ArrayDeque<>();
    private long version;

    @Override
    public synchronized QueueEntry add(QueueEntry entry) {
        QueueEntry stored = entries.putIfAbsent(entry.ticketId(), entry);
        if (stored != null) {
            return stored;
        }
        index(entry);
        version++;
        return entry;
    }

    @Override
    public synchronized Optional<QueueEntry> find(String ticketId) {
        return Optional.ofNullable(entries.get(ticketId));
    }

    @Override
    public synchronized List<QueueEntry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized List<QueueEntry> entries(String language) {
        Map<String, QueueEntry> of = byLanguage.get(language);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized Optional<QueueEntry> rebind(String ticketId, String participantId, boolean connected) {
        return update(ticketId, e -> e.withConnection(participantId, connected));
    }

    @Override
    public synchronized Optional<QueueEntry> reserve(String ticketId, Offer offer) {
        return update(ticketId, e -> e.offerable() ? e.withOffer(offer) : null);
    }

    @Override
    public synchronized Optional<QueueEntry> release(String ticketId, String offerId, boolean declined) {
        return update(ticketId, e -> e.ringing(offerId) ? e.withoutOffer(declined) : null);
    }

    @Override
    public synchronized Optional<QueueEntry> claim(String ticketId, String offerId) {
        QueueEntry entry = entries.get(ticketId);
        if (entry == null || !entry.ringing(offerId)) {
            return Optional.empty();
        }
        entries.remove(ticketId);
        unindex(entry);
        version++;
        return Optional.of(entry);
    }

    @Override
    public synchronized Optional<QueueEntry> remove(String ticketId) {
        QueueEntry removed = entries.remove(ticketId);
        if (removed != null) {
            unindex(removed);
            version++;
        }
        return Optional.ofNullable(removed);
    }

    @Override
    public synchronized List<QueueEntry> ringingExpired(Instant now) {
        List<QueueEntry> expired = new ArrayList<>();
        for (QueueEntry entry : entries.values()) {
            if (entry.offer() != null && entry.offer().expiredAt(now)) {
                expired.add(entry);
            }
        }
        return expired;
    }

    @Override
    public synchronized void recordHandlingTime(Duration handlingTime) {
        handlingTimes.addFirst(handlingTime);
        while (handlingTimes.size() > HANDLING_TIMES_KEPT) {
            handlingTimes.removeLast();
        }
    }

    @Override
    public synchronized List<Duration> recentHandlingTimes(int limit) {
        return handlingTimes.stream().limit(limit).toList();
    }

    private Optional<QueueEntry> update(String ticketId, UnaryOperator<QueueEntry> change) {
        QueueEntry entry = entries.get(ticketId);
        if (entry == null) {
            return Optional.empty();
        }
        QueueEntry next = change.apply(entry);
        if (next == null) {
            return Optional.empty();
        }
        entries.put(ticketId, next);
        index(next);
        version++;
        return Optional.of(next);
    }

    private void index(QueueEntry entry) {
        byLanguage.computeIfAbsent(entry.ticket().language(), l -> new HashMap<>()).put(entry.ticketId(), entry);
    }

    private void unindex(QueueEntry entry) {
        Map<String, QueueEntry> of = byLanguage.get(entry.ticket().language());
        if (of != null) {
            of.remove(entry.ticketId());
            if (of.isEmpty()) {
                byLanguage.remove(entry.ticket().language());
            }
        }
    }
}
