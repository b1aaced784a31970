package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A {@link RecordingIndex} in this process's memory, for a single node (lost on restart). Thread-safe. */
public final class InMemoryRecordingIndex implements RecordingIndex {

    // each entry already carries its tags and notes; every change goes through one atomic map operation
    private final ConcurrentHashMap<String, RecordingEntry> entries = new ConcurrentHashMap<>();

    @Override
    public void save(RecordingEntry entry) {
        entries.compute(entry.recordingId(), (id, old) -> old == null
                ? entry.withLibrary(List.of(), List.of())
                : entry.withLibrary(old.tags(), old.notes()));
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

    @Override
    public boolean setTags(String recordingId, List<String> tags) {
        return entries.computeIfPresent(recordingId, (id, old) -> old.withLibrary(tags, old.notes())) != null;
    }

    @Override
    public NoteAdded addNote(String recordingId, RecordingNote note, int maxNotes) {
        NoteAdded[] result = {NoteAdded.NO_RECORDING};
        entries.computeIfPresent(recordingId, (id, old) -> {
            if (old.notes().size() >= maxNotes) {
                result[0] = NoteAdded.FULL;
                return old;
            }
            List<RecordingNote> notes = new ArrayList<>(old.notes());
            notes.add(note);
            result[0] = NoteAdded.ADDED;
            return old.withLibrary(old.tags(), notes);
        });
        return result[0];
    }

    @Override
    public void forEach(Consumer<RecordingEntry> visitor) {
        entries.values().forEach(visitor);
    }
}
