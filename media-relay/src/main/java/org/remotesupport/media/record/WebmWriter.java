package org.remotesupport.media.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a live WebM (Matroska) file: the EBML header, a Segment of unknown size, Info and Tracks,
 * then one Cluster after another, each written whole (with its size) and forced to disk as soon as
 * it closes, so a file cut short by a crash is a valid WebM up to its last complete cluster. On a
 * clean {@link #close} the one in-place write replaces a reserved Void element in Info with the
 * Duration (players then show the length before reading to the end). Used by one thread only.
 *
 * <p>Hand-written on purpose: the Java EBML libraries on Maven Central (jebml) write sizes by seeking
 * back and finish the segment at close, which is neither append-only nor readable after a crash; the
 * few element types a VP8/Opus live file needs fit in this class.
 */
final class WebmWriter implements AutoCloseable {

    /** One track of the file; {@code number} is its Matroska track number (from 1). */
    record Track(int number, boolean video, String name, int width, int height) {
    }

    // a crash loses at most the open cluster; blocks carry 16-bit signed times relative to it, far more than this
    static final long MAX_CLUSTER_MS = 2_000;
    // clusters start at a video keyframe when one comes after this long, so players can seek to them
    static final long MIN_KEYFRAME_CLUSTER_MS = 1_000;

    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int INFO = 0x1549A966;
    private static final int TRACKS = 0x1654AE6B;
    private static final int CLUSTER = 0x1F43B675;
    private static final int VOID = 0xEC;
    private static final int DURATION = 0x4489;
    // Duration element: 2-byte id, 1-byte size, 8-byte float = the Void it replaces (1-byte id, 1-byte size, 9 bytes)
    private static final int DURATION_ELEMENT_BYTES = 11;

    private final FileChannel channel;
    private final boolean forceEachCluster;
    private final Ebml cluster = new Ebml(256 * 1024);
    private long durationPosition = -1;
    private long clusterStartMs = -1;
    private long lastMs = -1;
    private long firstMs = -1;
    private long bytesWritten;
    private boolean closed;

    WebmWriter(Path file, boolean forceEachCluster) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.forceEachCluster = forceEachCluster;
    }

    /** Writes the header, Info and Tracks; call once before any frame. */
    void writeHeader(List<Track> tracks, byte[] opusHead) throws IOException {
        Ebml out = new Ebml();
        Ebml header = new Ebml()
                .uint(0x4286, 1).uint(0x42F7, 1).uint(0x42F2, 4).uint(0x42F3, 8)
                .string(0x4282, "webm").uint(0x4287, 4).uint(0x4285, 2);
        out.element(EBML, header);
        out.id(SEGMENT);
        out.unknownSize();
        Ebml info = new Ebml().uint(0x2AD7B1, 1_000_000)
                .string(0x4D80, "remote-support").string(0x5741, "remote-support media relay");
        int durationOffsetInInfo = info.size();
        info.id(VOID).size(DURATION_ELEMENT_BYTES - 2).raw(new byte[DURATION_ELEMENT_BYTES - 2]);
        out.id(INFO).size(info.size());
        durationPosition = out.size() + durationOffsetInInfo;
        out.raw(info.toByteArray());
        Ebml trackList = new Ebml();
        for (Track track : tracks) {
            Ebml entry = new Ebml().uint(0xD7, track.number()).uint(0x73C5, track.number())
                    .uint(0x83, track.video() ? 1 : 2).uint(0x9C, 0).string(0x536E, track.name());
            if (track.video()) {
                entry.string(0x86, "V_VP8");
                entry.element(0xE0, new Ebml().uint(0xB0, track.width()).uint(0xBA, track.height()));
            } else {
                entry.string(0x86, "A_OPUS").bytes(0x63A2, opusHead)
                        // Opus needs 80 ms of decoding before a seek point sounds right
                        .uint(0x56BB, 80_000_000L);
                entry.element(0xE1, new Ebml().float64(0xB5, 48_000.0).uint(0x9F, 2));
            }
            trackList.element(0xAE, entry);
        }
        out.element(TRACKS, trackList);
        write(out.toByteArray());
    }

    /** Whether a block at this time (ms from the start) should begin a new cluster. */
    boolean wantsNewCluster(long timeMs, boolean videoKeyframe) {
        if (clusterStartMs < 0) {
            return true;
        }
        long age = timeMs - clusterStartMs;
        return age >= MAX_CLUSTER_MS || age < -MAX_CLUSTER_MS || (videoKeyframe && age >= MIN_KEYFRAME_CLUSTER_MS);
    }

    /** Adds one frame as a SimpleBlock; {@code timeMs} counts from the start of the recording. */
    void writeFrame(int trackNumber, long timeMs, boolean keyframe, byte[] data, int offset, int length,
                    boolean videoKeyframe) throws IOException {
        if (wantsNewCluster(timeMs, videoKeyframe)) {
            flushCluster();
            clusterStartMs = Math.max(0, timeMs);
            Ebml timecode = new Ebml().uint(0xE7, clusterStartMs);
            cluster.write(timecode.toByteArray(), 0, timecode.size());
        }
        long relative = timeMs - clusterStartMs;
        // written straight into the cluster: this runs for every packet of every recorded track
        cluster.write(0xA3);
        cluster.size(4L + length);
        cluster.write(0x80 | trackNumber);
        cluster.write((int) (relative >> 8));
        cluster.write((int) relative);
        cluster.write(keyframe ? 0x80 : 0);
        cluster.write(data, offset, length);
        lastMs = Math.max(lastMs, timeMs);
        if (firstMs < 0) {
            firstMs = timeMs;
        }
    }

    /** Writes the open cluster, if any, and forces it to disk. */
    void flushCluster() throws IOException {
        if (cluster.size() == 0) {
            return;
        }
        Ebml head = new Ebml();
        head.id(CLUSTER).size(cluster.size());
        ByteBuffer[] parts = {ByteBuffer.wrap(head.toByteArray(), 0, head.size()), cluster.contents()};
        long expected = parts[0].remaining() + parts[1].remaining();
        long written = 0;
        while (written < expected) {
            written += channel.write(parts);
        }
        bytesWritten += written;
        cluster.reset();
        clusterStartMs = -1;
        if (forceEachCluster) {
            channel.force(false);
        }
    }

    /** Milliseconds of media written so far (first to last frame). */
    long durationMs() {
        return firstMs < 0 ? 0 : lastMs - firstMs;
    }

    /** Time of the latest frame written, ms from the start; -1 before the first. */
    long lastFrameMs() {
        return lastMs;
    }

    long bytes() {
        return bytesWritten;
    }

    /** Writes the last cluster and the duration ({@code endMs} from the start), and closes the file. */
    void finish(long endMs) throws IOException {
        if (closed) {
            return;
        }
        flushCluster();
        if (durationPosition >= 0) {
            Ebml duration = new Ebml().float64(DURATION, (double) Math.max(endMs, 0));
            channel.write(ByteBuffer.wrap(duration.toByteArray(), 0, duration.size()), durationPosition);
        }
        channel.force(true);
        close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            bytesWritten += channel.write(buffer);
        }
    }

    /** An EBML byte builder: ids, variable-length sizes and the few value types WebM needs. */
    static final class Ebml extends ByteArrayOutputStream {

        Ebml() {
            super();
        }

        Ebml(int capacity) {
            super(capacity);
        }

        /** The bytes written so far, without a copy; valid until the next write or reset. */
        ByteBuffer contents() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        Ebml id(int id) {
            if ((id & 0xFF000000) != 0) {
                write(id >>> 24);
            }
            if ((id & 0xFFFF0000) != 0) {
                write(id >>> 16);
            }
            if ((id & 0xFFFFFF00) != 0) {
                write(id >>> 8);
            }
            write(id);
            return this;
        }

        /** A size in the shortest variable-length form (values of all ones are reserved, hence the -1). */
        Ebml size(long size) {
            int length = 1;
            while (length < 8 && size >= (1L << (7 * length)) - 1) {
                length++;
            }
            long marked = size | (1L << (7 * length));
            for (int i = length - 1; i >= 0; i--) {
                write((int) (marked >>> (8 * i)));
            }
            return this;
        }

        Ebml unknownSize() {
            return raw(new byte[] {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF});
        }

        Ebml raw(byte[] bytes) {
            write(bytes, 0, bytes.length);
            return this;
        }

        Ebml uint(int id, long value) {
            int length = 1;
            while (length < 8 && (value >>> (8 * length)) != 0) {
                length++;
            }
            id(id).size(length);
            for (int i = length - 1; i >= 0; i--) {
                write((int) (value >>> (8 * i)));
            }
            return this;
        }

        Ebml float64(int id, double value) {
            id(id).size(8);
            long bits = Double.doubleToLongBits(value);
            for (int i = 7; i >= 0; i--) {
                write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Ebml string(int id, String value) {
            return bytes(id, value.getBytes(StandardCharsets.UTF_8));
        }

        Ebml bytes(int id, byte[] value) {
            id(id).size(value.length);
            return raw(value);
        }

        Ebml element(int id, Ebml children) {
            id(id).size(children.size());
            return raw(children.toByteArray());
        }
    }
}
