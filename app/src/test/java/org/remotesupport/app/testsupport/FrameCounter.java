package org.remotesupport.app.testsupport;

import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A video sink that counts decoded frames and remembers the latest resolution. Frames arrive on
 * libwebrtc's decoding threads; {@link #snapshot()} and {@link #await} may be called from any other
 * thread.
 */
final class FrameCounter implements VideoTrackSink {

    private final LongSupplier nanoClock;
    private long frames;
    private int width;
    private int height;
    private long firstNanos;
    private long latestNanos;
    private long longestGapNanos;

    FrameCounter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void onVideoFrame(VideoFrame frame) {
        try {
            long now = nanoClock.getAsLong();
            synchronized (this) {
                if (frames == 0) {
                    firstNanos = now;
                } else {
                    longestGapNanos = Math.max(longestGapNanos, now - latestNanos);
                }
                latestNanos = now;
                frames++;
                width = frame.buffer.getWidth();
                height = frame.buffer.getHeight();
                notifyAll();
            }
        } finally {
            // the binding hands every sink its own native copy of the frame; without this it leaks
            frame.release();
        }
    }

    /** What was counted so far. */
    synchronized ReceivedVideo snapshot() {
        return new ReceivedVideo(frames, width, height, Duration.ofNanos(frames < 2 ? 0 : latestNanos - firstNanos));
    }

    /**
     * The longest time between two frames since the previous call (counting the time since the
     * latest frame too), and starts measuring afresh; zero before the first frame.
     */
    synchronized Duration takeLongestGap() {
        long gap = frames == 0 ? 0 : Math.max(longestGapNanos, nanoClock.getAsLong() - latestNanos);
        longestGapNanos = 0;
        return Duration.ofNanos(gap);
    }

    /** Waits until at least {@code count} frames were counted or the timeout passed, and returns what was counted. */
    synchronized ReceivedVideo await(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (frames < count && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return snapshot();
    }
}
