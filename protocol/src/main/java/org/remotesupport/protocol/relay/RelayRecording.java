package org.remotesupport.protocol.relay;

import java.util.Map;

/**
 * What a relay recorded for one session, returned when the recording stops.
 *
 * @param recordingId   the id the recording was started with
 * @param fileName      the file's name in the relay's recording directory
 * @param bytes         the file's size
 * @param durationMs    time from the first to the last media frame written
 * @param width         width of the first recorded video frame, 0 without video
 * @param height        height of the first recorded video frame, 0 without video
 * @param audioTracks   audio tracks in the file (one per speaker)
 * @param dropped       packets or frames not written, by reason ({@code queue_full}, {@code gap}...)
 */
public record RelayRecording(String recordingId, String fileName, long bytes, long durationMs, int width, int height,
                             int audioTracks, Map<String, Long> dropped) {

    public RelayRecording {
        dropped = Map.copyOf(dropped);
    }
}
