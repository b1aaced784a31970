package org.remotesupport.app.testsupport;

import java.time.Duration;

/**
 * What the frame-counting sink of a {@link WebRtcPeer} has seen of decoded remote video up to one
 * moment: an immutable snapshot, usable from any thread.
 *
 * @param frames decoded frames delivered to the sink, over every remote video track
 * @param width  width of the latest frame, 0 before the first
 * @param height height of the latest frame, 0 before the first
 * @param span   time from the first to the latest frame, zero with fewer than two
 */
public record ReceivedVideo(long frames, int width, int height, Duration span) {

    /** Frames per second between the first and the latest frame; 0 with fewer than two frames. */
    public double framesPerSecond() {
        return frames < 2 || span.isZero() ? 0 : (frames - 1) / seconds(span);
    }

    /**
     * Frames per second between an earlier snapshot and this one: the steady rate, unlike
     * {@link #framesPerSecond()}, which includes the burst of a start-up backlog.
     */
    public double framesPerSecondSince(ReceivedVideo earlier) {
        double seconds = seconds(span.minus(earlier.span));
        return seconds <= 0 ? 0 : (frames - earlier.frames) / seconds;
    }

    @Override
    public String toString() {
        return String.format("%d frames, %dx%d, %.1f fps", frames, width, height, framesPerSecond());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
