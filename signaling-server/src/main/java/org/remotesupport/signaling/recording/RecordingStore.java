package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where recordings' media files are kept: a local directory by default (the one the embedded relay
 * writes into). Files are named by the relay ({@code <recordingId>.webm}). Thread-safe.
 */
public interface RecordingStore {

    /** The file's size, if it exists. */
    Optional<Long> size(String fileName) throws IOException;

    /** Reads {@code length} bytes from {@code offset}; the caller closes the stream. */
    InputStream open(String fileName, long offset, long length) throws IOException;

    /** Deletes the file; false if there was none. */
    boolean delete(String fileName) throws IOException;
}
