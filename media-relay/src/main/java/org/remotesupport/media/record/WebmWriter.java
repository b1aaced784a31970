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
 * Writes a live WebM (Matroska) file: the EBML header, a Segment of unknown size, a reserved Void,
 * Info and Tracks, then one Cluster after another, each written whole (with its size) and forced to
 * disk as soon as it closes, so a file cut short by a crash is a valid WebM up to its last complete
 * cluster. {@link #finish} makes the file seekable the way libwebm's muxer does: it appends Cues (one
 * per video keyframe, pointing at the cluster that holds it), then overwrites reserved bytes in place: the Void in
 * Info with the Duration, the Void after the Segment header with a SeekHead (Info, Tracks, Cues) and
 * the unknown Segment size with the real one. Each step only adds or replaces a placeholder of the
 * same length, so a crash at any point still leaves a playable file. Used by one thread only.
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
    // every video keyframe starts a cluster (as libwebm does): a seek lands on a cluster whose first
    // video block is the keyframe; ffmpeg seeking to a keyframe inside a cluster may feed the decoder
    // the cluster's earlier delta frames first
    static final long MIN_KEYFRAME_CLUSTER_MS = 0;

    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int INFO = 0x1549A966;
    private static final int TRACKS = 0x1654AE6B;
    private static final int CLUSTER = 0x1F43B675;
    private static final int VOID = 0xEC;
    private static final int SEEK_HEAD = 0x114D9B74;
    private static final int SEEK = 0x4DBB;
    private static final int SEEK_ID = 0x53AB;
    private static final int SEEK_POSITION = 0x53AC;
    private static final int CUES = 0x1C53BB6B;
    private static final int CUE_POINT = 0xBB;
    private static final int CUE_TIME = 0xB3;
    private static final int CUE_TRACK_POSITIONS = 0xB7;
    private static final int CUE_TRACK = 0xF7;
    private static final int CUE_CLUSTER_POSITION = 0xF1;
    // a SeekHead of three entries with 8-byte positions takes 68 bytes; the rest stays a Void
    static final int SEEK_HEAD_RESERVED_BYTES = 96;
    private static final int DURATION = 0x4489;
    // Duration element: 2-byte id, 1-byte size, 8-byte float = the Void it replaces (1-byte id, 1-byte size, 9 bytes)
    private static final int DURATION_ELEMENT_BYTES = 11;

    private final FileChannel channel;
    private final boolean forceEachCluster;
    private final Ebml cluster = new Ebml(256 * 1024);
    private long durationPosition = -1;
    private long segmentSizePosition = -1;
    private long segmentDataStart = -1;
    private long infoPosition = -1;
    private long tracksPosition = -1;
    private int cueTrack = -1;
    private boolean cueEveryCluster;
    // times (ms) of the open cluster's seek points: its video keyframes (or, without video, its start)
    private long[] openClusterCues = new long[8];
    private int openClusterCueCount;
    // cue time (ms) and cluster position (from the segment's data) of each seek point, in order
    private long[] cueTimes = new long[64];
    private long[] cuePositions = new long[64];
    private int cueCount;
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
        segmentSizePosition = out.size();
        out.unknownSize();
        segmentDataStart = out.size();
        // room for the SeekHead written at finish; players skip a Void
        voidElement(out, SEEK_HEAD_RESERVED_BYTES);
        infoPosition = out.size() - segmentDataStart;
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
        tracksPosition = out.size() - segmentDataStart;
        out.element(TRACKS, trackList);
        write(out.toByteArray());
        // seek points: keyframes of the video; without video the start of every cluster (audio)
        for (Track track : tracks) {
            if (track.video()) {
                cueTrack = track.number();
            }
        }
        if (cueTrack < 0 && !tracks.isEmpty()) {
            cueTrack = tracks.get(0).number();
            cueEveryCluster = true;
        }
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
            if (cueEveryCluster) {
                addOpenClusterCue(clusterStartMs);
            }
            Ebml timecode = new Ebml().uint(0xE7, clusterStartMs);
            cluster.write(timecode.toByteArray(), 0, timecode.size());
        }
        if (videoKeyframe && trackNumber == cueTrack && !cueEveryCluster) {
            // the keyframe's own time, even when it is before the cluster's (video lagging the audio that
            // opened the cluster): players skip the blocks before a cue's time, the keyframe must not be one
            addOpenClusterCue(Math.max(timeMs, 0));
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
        if (segmentDataStart >= 0) {
            // a player seeking to a cue reads the cluster from its start and skips to the keyframe
            for (int i = 0; i < openClusterCueCount; i++) {
                addCue(openClusterCues[i], bytesWritten - segmentDataStart);
            }
        }
        openClusterCueCount = 0;
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

    /** Seek points (video keyframes) in the clusters written so far; for tests. */
    int cueCount() {
        return cueCount;
    }

    /**
     * Writes the last cluster, appends the Cues and fills in the Duration ({@code endMs} from the start),
     * the SeekHead and the Segment's size, then closes the file. The appended Cues reach the disk before
     * anything points to them.
     */
    void finish(long endMs) throws IOException {
        if (closed) {
            return;
        }
        flushCluster();
        long cuesPosition = -1;
        if (cueCount > 0 && segmentDataStart >= 0) {
            cuesPosition = bytesWritten - segmentDataStart;
            write(cues().toByteArray());
        }
        channel.force(false);
        if (durationPosition >= 0) {
            Ebml duration = new Ebml().float64(DURATION, (double) Math.max(endMs, 0));
            writeAt(duration, durationPosition);
        }
        if (segmentDataStart >= 0) {
            writeAt(seekHead(cuesPosition), segmentDataStart);
            channel.force(false);
            // the size field keeps its 8 bytes: marker 0x01, then the size in the remaining 7
            long segmentSize = bytesWritten - segmentDataStart;
            Ebml size = new Ebml();
            size.write(0x01);
            for (int i = 6; i >= 0; i--) {
                size.write((int) (segmentSize >>> (8 * i)));
            }
            writeAt(size, segmentSizePosition);
        }
        channel.force(true);
        close();
    }

    private void addOpenClusterCue(long timeMs) {
        if (openClusterCueCount == openClusterCues.length) {
            openClusterCues = java.util.Arrays.copyOf(openClusterCues, openClusterCueCount * 2);
        }
        openClusterCues[openClusterCueCount++] = timeMs;
    }

    private void addCue(long timeMs, long position) {
        if (cueCount == cueTimes.length) {
            cueTimes = java.util.Arrays.copyOf(cueTimes, cueCount * 2);
            cuePositions = java.util.Arrays.copyOf(cuePositions, cueCount * 2);
        }
        cueTimes[cueCount] = timeMs;
        cuePositions[cueCount] = position;
        cueCount++;
    }

    private Ebml cues() {
        Ebml points = new Ebml();
        for (int i = 0; i < cueCount; i++) {
            Ebml position = new Ebml().uint(CUE_TRACK, cueTrack).uint(CUE_CLUSTER_POSITION, cuePositions[i]);
            points.element(CUE_POINT, new Ebml().uint(CUE_TIME, cueTimes[i]).element(CUE_TRACK_POSITIONS, position));
        }
        return new Ebml().element(CUES, points);
    }

    /** The SeekHead (Info, Tracks and, if written, Cues) padded with a Void to the reserved length. */
    private Ebml seekHead(long cuesPosition) {
        Ebml entries = new Ebml();
        seekEntry(entries, INFO, infoPosition);
        seekEntry(entries, TRACKS, tracksPosition);
        if (cuesPosition >= 0) {
            seekEntry(entries, CUES, cuesPosition);
        }
        Ebml head = new Ebml().element(SEEK_HEAD, entries);
        if (head.size() > SEEK_HEAD_RESERVED_BYTES - 2) {
            throw new IllegalStateException("SeekHead of " + head.size() + " bytes does not fit the reserved space");
        }
        voidElement(head, SEEK_HEAD_RESERVED_BYTES - head.size());
        return head;
    }

    private static void seekEntry(Ebml entries, int id, long position) {
        Ebml seek = new Ebml().bytes(SEEK_ID, new Ebml().id(id).toByteArray());
        // a fixed 8-byte position keeps the SeekHead's length independent of the file's size
        seek.id(SEEK_POSITION).size(8);
        for (int i = 7; i >= 0; i--) {
            seek.write((int) (position >>> (8 * i)));
        }
        entries.element(SEEK, seek);
    }

    /** A Void element of exactly {@code bytes} bytes (2 to 128). */
    private static void voidElement(Ebml out, int bytes) {
        out.id(VOID).write(0x80 | (bytes - 2));
        out.raw(new byte[bytes - 2]);
    }

    private void writeAt(Ebml bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray(), 0, bytes.size());
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
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
