package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where recordings are kept: each recording's media ({@code <recordingId>.webm}, named by the relay)
 * its markup timeline ({@code <recordingId>.timeline.json}) and its session's events (chat, notes,
 * snapshots, freezes, the ending: {@code <recordingId>.events.json}). The relay always writes the live
 * file into a local spool directory (crash-safe, append-only); {@link #commit} moves a finished file
 * to its lasting place (a no-op on local disk, an upload to object storage). Names outside
 * {@link #NAME} are refused. Thread-safe; methods block the caller on disk or network I/O.
 */
public interface RecordingStore {

    /** What a stored name looks like: a recording id, then {@code .webm}, {@code .timeline.json} or {@code .events.json}. */
    Pattern NAME = Pattern.compile("([A-Za-z0-9_-]{1,64})\\.(webm|timeline\\.json|events\\.json)");

    /** One stored object: its name, size in bytes and when it was last written. */
    record StoredObject(String name, long size, Instant lastModified) {
    }

    /** The object's size, if it exists (in the spool or in the store). */
    Optional<Long> size(String name) throws IOException;

    /** Reads {@code length} bytes from {@code offset}; the caller closes the stream. */
    InputStream open(String name, long offset, long length) throws IOException;

    /** Deletes the object (and any spooled copy); false if there was none. */
    boolean delete(String name) throws IOException;

    /** Stores a small object whole (a timeline), replacing any object of that name. */
    void write(String name, byte[] content) throws IOException;

    /**
     * The file of this name in the spool is complete: keep it for good. Object storage uploads it,
     * checks the stored copy and only then removes the spooled one; after a failure the file stays
     * in the spool and a later call retries. False if there was nothing in the spool to commit.
     */
    boolean commit(String name) throws IOException;

    /** Names of the files waiting in the spool (on local disk: none, the spool is the store). */
    List<String> spooled() throws IOException;

    /**
     * Stored objects in name order, starting after {@code after} (null for the first page), at most
     * {@code limit}: for the retention purge to find objects that no index entry accounts for.
     */
    List<StoredObject> list(String after, int limit) throws IOException;

    /** The recording id an object name belongs to, or empty if it is not a valid name. */
    static Optional<String> recordingIdOf(String name) {
        if (name == null) {
            return Optional.empty();
        }
        var matcher = NAME.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The name of a recording's timeline object. */
    static String timelineName(String recordingId) {
        return recordingId + ".timeline.json";
    }

    /** The name of the object that keeps the events of a recording's session. */
    static String eventsName(String recordingId) {
        return recordingId + ".events.json";
    }
}
