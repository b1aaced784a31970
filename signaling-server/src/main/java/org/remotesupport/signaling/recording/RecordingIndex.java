package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The index of recordings: one {@link RecordingEntry} per recording, searchable by ticket fields,
 * agent, outcome and date. In memory for a single node, in Redis when nodes share one. Thread-safe.
 */
public interface RecordingIndex {

    /** Adds or replaces the entry with this recording id. */
    void save(RecordingEntry entry);

    Optional<RecordingEntry> find(String recordingId);

    /** Entries that match, newest first. */
    List<RecordingEntry> search(RecordingQuery query);

    /** The recordings of one session, oldest first. */
    List<RecordingEntry> ofSession(String sessionId);

    /** Entries that ended before {@code cutoff}, at most {@code limit}, oldest first (for the retention purge). */
    List<RecordingEntry> endedBefore(Instant cutoff, int limit);

    /** Removes the entry; false if there was none. */
    boolean delete(String recordingId);
}
