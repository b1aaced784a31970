package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a recorded session's markup timeline is read from, for the player: given the session id and
 * its start, the timeline as JSON ({@code {"sessionId", "start", "entries": [{"offsetMs", "op"}]}},
 * offsets relative to the session start), or empty when the session had no markups. Provided by the
 * application that hosts the annotation service; called on servlet threads.
 */
public interface MarkupTimelines {

    /** The session's timeline as JSON, or empty if it has none. */
    Optional<String> read(String sessionId, Instant sessionStartedAt) throws IOException;

    /**
     * The markups on screen at each of these moments (milliseconds after the session start), for the
     * session report's snapshots: one JSON array of markups per moment, in drawing order, in the order
     * of {@code offsetsMs}; {@code []} where none was.
     */
    List<String> markupsAt(String sessionId, Instant sessionStartedAt, List<Long> offsetsMs) throws IOException;
}
