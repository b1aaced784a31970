package org.remotesupport.signaling.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A {@link SessionJournal} in this process's memory (the embedded default). Ended sessions are
 * forgotten {@code retention} after they ended, checked whenever a session ends. Thread-safe: each
 * change replaces a session's immutable entry atomically.
 */
public final class InMemorySessionJournal implements SessionJournal {

    private record Entry(List<ChatEntry> chat, List<Note> notes, List<Snapshot> snapshots, Freeze frozen,
                         Ending ending, List<Event> events) {

        static final Entry EMPTY = new Entry(List.of(), List.of(), List.of(), null, null, List.of());
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration retention;

    public InMemorySessionJournal(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void appendChat(String sessionId, ChatEntry entry, int keep) {
        change(sessionId, e -> new Entry(appended(e.chat, entry, keep), e.notes, e.snapshots, e.frozen, e.ending,
                e.events));
    }

    @Override
    public List<ChatEntry> chat(String sessionId) {
        return entry(sessionId).chat;
    }

    @Override
    public void addNote(String sessionId, Note note, int keep) {
        change(sessionId, e -> new Entry(e.chat, appended(e.notes, note, keep), e.snapshots, e.frozen, e.ending,
                e.events));
    }

    @Override
    public List<Note> notes(String sessionId) {
        return entry(sessionId).notes;
    }

    @Override
    public boolean addSnapshot(String sessionId, Snapshot snapshot, int max) {
        boolean[] added = {false};
        change(sessionId, e -> {
            if (e.snapshots.size() >= max) {
                return e;
            }
            added[0] = true;
            return new Entry(e.chat, e.notes, appended(e.snapshots, snapshot, max), e.frozen, e.ending, e.events);
        });
        return added[0];
    }

    @Override
    public List<Snapshot> snapshots(String sessionId) {
        return entry(sessionId).snapshots;
    }

    @Override
    public void setFrozen(String sessionId, Freeze freeze) {
        change(sessionId, e -> new Entry(e.chat, e.notes, e.snapshots, freeze, e.ending, e.events));
    }

    @Override
    public Optional<Freeze> frozen(String sessionId) {
        return Optional.ofNullable(entry(sessionId).frozen);
    }

    @Override
    public void appendEvent(String sessionId, Event event, int keep) {
        change(sessionId, e -> new Entry(e.chat, e.notes, e.snapshots, e.frozen, e.ending,
                appended(e.events, event, keep)));
    }

    @Override
    public List<Event> events(String sessionId) {
        return entry(sessionId).events;
    }

    @Override
    public void ended(String sessionId, Ending ending) {
        change(sessionId, e -> e.ending != null ? e : new Entry(e.chat, e.notes, e.snapshots, null, ending, e.events));
        Instant horizon = clock.instant().minus(retention);
        entries.values().removeIf(e -> e.ending != null && Instant.ofEpochMilli(e.ending.endedAt()).isBefore(horizon));
    }

    @Override
    public Optional<Ending> ending(String sessionId) {
        return Optional.ofNullable(entry(sessionId).ending);
    }

    private Entry entry(String sessionId) {
        return entries.getOrDefault(sessionId, Entry.EMPTY);
    }

    private void change(String sessionId, UnaryOperator<Entry> change) {
        entries.compute(sessionId, (id, e) -> change.apply(e == null ? Entry.EMPTY : e));
    }

    private static <T> List<T> appended(List<T> list, T item, int keep) {
        List<T> more = new ArrayList<>(list);
        more.add(item);
        return List.copyOf(more.subList(Math.max(0, more.size() - keep), more.size()));
    }
}
