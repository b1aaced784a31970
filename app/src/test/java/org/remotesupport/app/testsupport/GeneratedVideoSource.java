package org.remotesupport.app.testsupport;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webrtc-java video source fed with generated I420 frames: a scrolling diagonal gradient with a
 * moving bright square, so every frame differs and the encoder has real motion to code. Takes a
 * {@link VideoFormat}; frames are painted and pushed on the source's own daemon thread between
 * {@link #start()} and {@link #stop()}; the other methods may be called from any thread.
 */
public final class GeneratedVideoSource implements AutoCloseable {

    private final VideoFormat format;
    private final CustomVideoSource source = new CustomVideoSource();
    private final ScheduledExecutorService pusher;
    private final AtomicLong pushed = new AtomicLong();
    private final byte[] ramp;
    private final byte[] square;
    private final byte[] chromaRow;
    private boolean started;
    private boolean disposed;

    public GeneratedVideoSource(VideoFormat format, String threadName) {
        this.format = format;
        this.pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // one row of the gradient is a window into this ramp, so painting a row is one bulk copy
        this.ramp = new byte[format.width() + 256];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) (16 + (i & 0xff) * 219 / 255);
        }
        this.square = new byte[squareSize()];
        Arrays.fill(square, (byte) 235);
        this.chromaRow = new byte[(format.width() + 1) / 2];
    }

    /** The native source to create a video track from. */
    public CustomVideoSource source() {
        return source;
    }

    /** The size and rate this source produces. */
    public VideoFormat format() {
        return format;
    }

    /** How many frames were pushed so far. */
    public long framesPushed() {
        return pushed.get();
    }

    /** Starts pushing frames at the format's rate; a second call does nothing. */
    public synchronized void start() {
        if (started || disposed) {
            return;
        }
        started = true;
        pusher.scheduleAtFixedRate(this::pushFrame, 0, 1_000_000_000L / format.framesPerSecond(), TimeUnit.NANOSECONDS);
    }

    /** Stops pushing and waits until no frame is being pushed any more. */
    public void stop() {
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops pushing and releases the native source; the track made from it must no longer be sent. */
    @Override
    public synchronized void close() {
        if (disposed) {
            return;
        }
        stop();
        disposed = true;
        // drops only this wrapper's reference: a track made from the source keeps the native object alive
        source.dispose();
    }

    private void pushFrame() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(format.width(), format.height());
        try {
            paint(buffer, pushed.get());
            VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
            // pushFrame takes its own reference to the buffer; ours is dropped in finally
            source.pushFrame(frame);
            pushed.incrementAndGet();
        } catch (RuntimeException e) {
            // an exception would cancel the schedule silently; keep producing and leave a trace
            System.err.println("generated video frame failed: " + e);
        } finally {
            buffer.release();
        }
    }

    private void paint(NativeI420Buffer buffer, long n) {
        int width = format.width();
        int height = format.height();
        ByteBuffer y = buffer.getDataY();
        int strideY = buffer.getStrideY();
        int shift = (int) ((n * 4) & 0xff);
        for (int row = 0; row < height; row++) {
            y.position(row * strideY);
            y.put(ramp, (row + shift) & 0xff, width);
        }
        int size = square.length;
        int x = (int) ((n * 8) % (width - size));
        int top = (height - size) / 2;
        for (int row = top; row < top + size; row++) {
            y.position(row * strideY + x);
            y.put(square);
        }
        int chromaHeight = (height + 1) / 2;
        fillPlane(buffer.getDataU(), buffer.getStrideU(), chromaHeight, (byte) (96 + (n % 64)));
        fillPlane(buffer.getDataV(), buffer.getStrideV(), chromaHeight, (byte) 128);
    }

    private void fillPlane(ByteBuffer plane, int stride, int rows, byte value) {
        Arrays.fill(chromaRow, value);
        for (int row = 0; row < rows; row++) {
            plane.position(row * stride);
            plane.put(chromaRow);
        }
    }

    private int squareSize() {
        return Math.max(8, Math.min(format.width(), format.height()) / 6);
    }
}
