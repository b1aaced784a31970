package org.remotesupport.media.record;

import java.util.Locale;

/** Why the recording tap left a packet or frame out of a file; each has its own counter ({@code relay.recording.dropped{reason=...}}). */
public enum RecordingDrop {
    /** The recording thread fell behind and its queue was full: the event loop never waits for it. */
    QUEUE_FULL,
    /** A video frame lost to a gap in the sequence numbers, or one that came while waiting for the keyframe after a gap. */
    GAP,
    /** A packet older than the last one written (reordered too late, or a duplicate). */
    LATE,
    /** A packet before the file's first keyframe, so before the recording's start. */
    BEFORE_START,
    /** A track the file cannot hold: a second camera, a codec other than VP8/Opus, or a track that began after the file's header. */
    UNRECORDED_TRACK,
    /** Writing the file failed; the recording stopped. */
    WRITE_FAILED;

    /** The name used in metrics and in {@link org.remotesupport.protocol.relay.RelayRecording#dropped()}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
