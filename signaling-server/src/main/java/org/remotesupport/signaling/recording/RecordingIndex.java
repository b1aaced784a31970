package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The index of recordings: one {@link RecordingEntry} per recording, searchable by ticket fields,
 * agent, outcome, date, tags and text, with the training library's tags and notes. In memory for a
 * single node, in Redis when nodes share one. Thread-safe.
 *
 * <p>Tags and notes belong to the index: {@link #save} stores the recorded facts of an entry and keeps
 * the tags and notes the index holds (the recording's own writes never undo a supervisor's), and only
 * {@link #setTags} and {@link #addNote} change them. Every entry handed out carries them.
 */
public interface RecordingIndex {

    /** What {@link #addNote} did. */
    enum NoteAdded {
        /** the note is stored */
        ADDED,
        /** there is no recording with this id */
        NO_RECORDING,
        /** the recording already holds the most notes allowed */
        FULL
    }

    /** Adds or replaces the entry with this recording id, keeping its tags and notes as the index holds them. */
    void save(RecordingEntry entry);

    Optional<RecordingEntry> find(String recordingId);

    /** Entries that match, newest first. */
    List<RecordingEntry> search(RecordingQuery query);

    /** The recordings of one session, oldest first. */
    List<RecordingEntry> ofSession(String sessionId);

    /** Entries that ended before {@code cutoff}, at most {@code limit}, oldest first (for the retention purge). */
    List<RecordingEntry> endedBefore(Instant cutoff, int limit);

    /** Removes the entry with its tags and notes; false if there was none. */
    boolean delete(String recordingId);

    /** Replaces the recording's tags (already checked and normalised); false if there is no such recording. */
    boolean setTags(String recordingId, List<String> tags);

    /** Appends a note unless the recording holds {@code maxNotes} already; atomic against other nodes. */
    NoteAdded addNote(String recordingId, RecordingNote note, int maxNotes);

    /** Hands every entry to {@code visitor}, in no particular order (for the library's facets). */
    void forEach(Consumer<RecordingEntry> visitor);
}
