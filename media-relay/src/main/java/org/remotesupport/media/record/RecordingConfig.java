package org.remotesupport.media.record;

import java.nio.file.Path;

/**
 * Where and how a relay writes recordings.
 *
 * @param directory        files are written here as {@code <recordingId>.webm}
 * @param queueCapacity    packets a recording may be behind the event loop before packets are dropped
 * @param forceEachCluster force every finished cluster (one to five seconds of media) to the disk, so
 *                         that a power cut, not only a crash of the relay, keeps it
 */
public record RecordingConfig(Path directory, int queueCapacity, boolean forceEachCluster) {

    public RecordingConfig {
        if (directory == null) {
            throw new IllegalArgumentException("recording directory is required");
        }
        if (queueCapacity < 16 || queueCapacity > 1_000_000) {
            throw new IllegalArgumentException("recording queue capacity must be 16 to 1000000");
        }
    }
}
