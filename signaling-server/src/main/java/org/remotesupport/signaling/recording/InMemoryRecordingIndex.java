package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RecordingIndex} in this process's memory, for a single node (lost on restart). Thread-safe. */
public final class InMemoryRecordingIndex implements RecordingIndex {

    private final ConcurrentHashMap<String, RecordingEntry> entries = new ConcurrentHashMap<>();

    @Override
    public void save(RecordingEntry entry) {
        entries.put(entry.recordingId(), entry);
    }

    @Override
    public Optional<RecordingEntry> find(String recordingId) {
        return Optional.ofNullable(entries.get(recordingId));
    }

    @Override
    public List<RecordingEntry> search(RecordingQuery query) {
        return entries.values().stream().filter(query::matches)
                .sorted(Comparator.comparing(RecordingEntry::startedAt).reversed()
                        .thenComparing(RecordingEntry::recordingId))
                .limit(query.limit()).toList();
    }

    @Override
    public List<RecordingEntry> ofSession(String sessionId) {
        return entries.values().stream().filter(e -> e.sessionId().equals(sessionId))
                .sorted(Comparator.comparing(RecordingEntry::startedAt)).toList();
    }

    @Override
    public List<RecordingEntry> endedBefore(Instant cutoff, int limit) {
        return entries.values().stream().filter(e -> e.endedAt() != null && e.endedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(RecordingEntry::endedAt)).limit(limit).toList();
    }

    @Override
    public boolean delete(String recordingId) {
        return entries.remove(recordingId) != null;
    }
}
