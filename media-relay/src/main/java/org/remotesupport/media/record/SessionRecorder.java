package org.remotesupport.media.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.remotesupport.protocol.relay.RelayRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording tap of one session: the relay's event loop hands it every decrypted RTP packet and
 * sender report of the session ({@link #onRtp}, {@link #onSenderReport}), which only copies the
 * packet into a bounded queue (a full queue drops and counts, it never waits). The recorder's own
 * thread rebuilds VP8 frames and Opus packets, puts every track on one timeline (RTP timestamps,
 * mapped through each publisher's RTCP sender reports to one clock) and writes a live WebM file
 * (see {@link WebmWriter}). {@link #stop} runs on a control thread.
 */
public final class SessionRecorder {

    /** Asks a publisher for a keyframe on the given video SSRC; called on the recording thread, must not block. */
    public interface KeyframeRequester {
        void request(long ssrc);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);
    private static final long NANOS_PER_MS = 1_000_000L;
    // without any video by then, the file is audio only
    private static final long AUDIO_ONLY_AFTER_NANOS = 3_000_000_000L;
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 500_000_000L;
    // WebRTC encoders send keyframes only when asked: the recording asks this often so that the finished
    // file has a seek point (a Cue) at least every ten seconds, at the price of one keyframe to every viewer
    private static final long SEEK_POINT_INTERVAL_NANOS = 10_000_000_000L;
    // a quiet session must still reach the disk: a cluster open this long (wall time) is written
    private static final long IDLE_FLUSH_NANOS = 2_000_000_000L;
    private static final int MAX_AUDIO_TRACKS = 8;
    private static final int DRAIN_BATCH = 1024;
    // marks an Item that announces a track rather than carrying a packet or a report (RTP timestamps are never negative)
    private static final long ANNOUNCEMENT = -1;
    private static final long DRAIN_INTERVAL_NANOS = 20_000_000L;
    // a packet arrives after its capture by the encoder's and the network's delay, which stay under this
    private static final long MAX_REPORT_LAG_NANOS = 3_000_000_000L;
    // clock jitter between the report's sender and the relay
    private static final long MAX_REPORT_LEAD_NANOS = 500_000_000L;
    // the unix epoch in NTP seconds
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private final String recordingId;
    private final Path file;
    private final String preferredVideoEndpoint;
    private final BlockingQueue<Item> queue;
    private final KeyframeRequester keyframes;
    private final RecordingCounters counters;
    private final LongSupplier nanoClock;
    private final boolean forceEachCluster;
    private final Map<RecordingDrop, AtomicLong> drops = new EnumMap<>(RecordingDrop.class);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RelayRecording result;

    // recording thread only
    private final Map<Long, TrackState> tracks = new HashMap<>();
    private final Map<String, Long> publisherClockOffsetNanos = new HashMap<>();
    private WebmWriter writer;
    private long startNanos;
    private long originNanos;
    private long lastClusterFlushNanos;
    private TrackState video;
    private long lastKeyframeRequestNanos;
    private long lastVideoKeyframeNanos;
    private int width;
    private int height;
    private int audioTracks;
    private boolean failed;

    /**
     * @param file                   the file to create; it must not exist
     * @param preferredVideoEndpoint the endpoint whose video is recorded; null takes the first video
     * @param queueCapacity          packets the event loop may be ahead of the recording thread
     * @param forceEachCluster       force every cluster to the disk (survives a power cut, not only a crash)
     */
    public SessionRecorder(String recordingId, Path file, String preferredVideoEndpoint, int queueCapacity,
                           KeyframeRequester keyframes, RecordingCounters counters, LongSupplier nanoClock,
                           boolean forceEachCluster) throws IOException {
        this.recordingId = recordingId;
        this.file = file;
        this.preferredVideoEndpoint = preferredVideoEndpoint;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.keyframes = keyframes;
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.forceEachCluster = forceEachCluster;
        for (RecordingDrop reason : RecordingDrop.values()) {
            drops.put(reason, new AtomicLong());
        }
        Files.createDirectories(file.getParent());
        this.writer = new WebmWriter(file, forceEachCluster);
        this.startNanos = nanoClock.getAsLong();
        this.thread = new Thread(this::run, "relay-recording-" + recordingId);
        this.thread.setDaemon(true);
    }

    /** Starts the recording thread. */
    public void start() {
        counters.started();
        thread.start();
    }

    public String recordingId() {
        return recordingId;
    }

    // ---------------------------------------------------------------- event loop side

    /**
     * Queues a copy of one decrypted RTP packet. {@code recordable} is false for a codec the file
     * cannot hold. Never blocks.
     */
    public void onRtp(String publisherId, long ssrc, boolean videoTrack, boolean recordable, byte[] packet,
                      int offset, int length, long arrivalNanos) {
        if (!recordable) {
            dropped(RecordingDrop.UNRECORDED_TRACK);
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(packet, offset, copy, 0, length);
        if (!queue.offer(new Item(publisherId, ssrc, videoTrack, copy, arrivalNanos, 0, 0))) {
            dropped(RecordingDrop.QUEUE_FULL);
        }
    }

    /**
     * Announces a track published when the recording starts, before its packets come, so that the
     * file's header holds it even if another track's first keyframe arrives first. Call before the
     * recorder receives packets.
     */
    public void expectTrack(String publisherId, long ssrc, boolean videoTrack, boolean recordable) {
        if (recordable) {
            queue.offer(new Item(publisherId, ssrc, videoTrack, null, 0, 0, ANNOUNCEMENT));
        }
    }

    /** Queues what a sender report says about one SSRC: its NTP time (64-bit) and RTP timestamp. Never blocks. */
    public void onSenderReport(String publisherId, long ssrc, long ntpTime, long rtpTimestamp, long arrivalNanos) {
        if (!queue.offer(new Item(publisherId, ssrc, false, null, arrivalNanos, ntpTime, rtpTimestamp))) {
            dropped(RecordingDrop.QUEUE_FULL);
        }
    }

    // ---------------------------------------------------------------- control side

    /** Stops, writes what is queued, closes the file and reports what was recorded; waits at most {@code waitMillis}. */
    public RelayRecording stop(long waitMillis) {
        stopping = true;
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RelayRecording done = result;
        return done != null ? done : summary();
    }

    /** Whether the recording thread ended (stopped or failed). */
    public boolean finished() {
        return result != null;
    }

    // ---------------------------------------------------------------- recording thread

    private void run() {
        List<Item> batch = new ArrayList<>(DRAIN_BATCH);
        try {
            while (!failed) {
                batch.clear();
                queue.drainTo(batch, DRAIN_BATCH);
                if (batch.isEmpty()) {
                    if (stopping) {
                        break;
                    }
                    // The thread sleeps instead of waiting on the queue: a waiting consumer would make the
                    // event loop wake it (a system call) for every packet; this way it takes them in batches.
                    LockSupport.parkNanos(DRAIN_INTERVAL_NANOS);
                }
                for (Item item : batch) {
                    if (item.packet == null && item.rtpTimestamp == ANNOUNCEMENT) {
                        if (!tracks.containsKey(item.ssrc)) {
                            newTrack(item);
                        }
                    } else if (item.packet == null) {
                        senderReport(item);
                    } else {
                        packet(item);
                    }
                }
                idleFlush();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            finish();
        }
    }

    private void senderReport(Item item) {
        long ntpNanos = ((item.ntpTime >>> 32) - NTP_TO_UNIX_SECONDS) * 1_000_000_000L
                + (((item.ntpTime & 0xffffffffL) * 1_000_000_000L) >>> 32);
        // each publisher's NTP clock is put on the relay's clock once, at its first report, so that
        // its tracks keep their relation to each other (lip sync) whatever the network does later
        publisherClockOffsetNanos.putIfAbsent(item.publisherId, item.arrivalNanos - ntpNanos);
        TrackState track = tracks.get(item.ssrc);
        if (track != null && !track.senderReport(item.rtpTimestamp, ntpNanos,
                publisherClockOffsetNanos.get(item.publisherId)) && !track.reportRejected) {
            track.reportRejected = true;
            LOG.info("recording {}: sender reports of ssrc {} do not match its packets' timestamps; "
                    + "that track is placed by arrival time", recordingId, item.ssrc);
        }
    }

    private void packet(Item item) throws IOException {
        byte[] p = item.packet;
        int header = rtpHeaderLength(p);
        if (header < 0) {
            return;
        }
        int end = p.length;
        if ((p[0] & 0x20) != 0) {
            end -= p[end - 1] & 0xff;
        }
        if (end <= header) {
            return;
        }
        int sequence = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        long timestamp = u32(p, 4);
        boolean marker = (p[1] & 0x80) != 0;
        TrackState track = tracks.get(item.ssrc);
        if (track == null) {
            track = newTrack(item);
            if (track == null) {
                dropped(RecordingDrop.UNRECORDED_TRACK);
                return;
            }
        }
        if (!track.recorded) {
            dropped(RecordingDrop.UNRECORDED_TRACK);
            return;
        }
        if (track.video) {
            videoPacket(track, item, sequence, timestamp, marker, p, header, end - header);
        } else {
            audioPacket(track, item, sequence, timestamp, p, header, end - header);
        }
    }

    private TrackState newTrack(Item item) {
        boolean headerWritten = writer != null && originNanos != 0;
        if (headerWritten) {
            return new TrackState(item.publisherId, item.ssrc, item.video, false).register(tracks);
        }
        if (item.video) {
            boolean preferred = preferredVideoEndpoint == null || preferredVideoEndpoint.equals(item.publisherId);
            if (video == null && preferred) {
                video = new TrackState(item.publisherId, item.ssrc, true, true).register(tracks);
                requestKeyframe(true);
                return video;
            }
            return new TrackState(item.publisherId, item.ssrc, true, false).register(tracks);
        }
        long audio = tracks.values().stream().filter(t -> !t.video && t.recorded).count();
        return new TrackState(item.publisherId, item.ssrc, false, audio < MAX_AUDIO_TRACKS).register(tracks);
    }

    private void videoPacket(TrackState track, Item item, int sequence, long timestamp, boolean marker,
                             byte[] p, int offset, int length) throws IOException {
        Vp8Assembler.Outcome outcome = track.vp8.push(sequence, timestamp, marker, p, offset, length);
        switch (outcome) {
            case PENDING -> {
            }
            case LATE -> dropped(RecordingDrop.LATE);
            case GAP, SKIPPED -> {
                dropped(RecordingDrop.GAP);
                requestKeyframe(outcome == Vp8Assembler.Outcome.GAP);
            }
            case FRAME -> {
                byte[] frame = track.vp8.frame();
                long mediaNanos = track.toNanos(track.vp8.frameTimestamp(), item.arrivalNanos,
                        publisherClockOffsetNanos.get(track.publisherId));
                if (originNanos == 0) {
                    int[] size = Vp8Assembler.dimensions(frame);
                    if (!track.vp8.frameIsKey() || size == null) {
                        dropped(RecordingDrop.BEFORE_START);
                        return;
                    }
                    width = size[0];
                    height = size[1];
                    writeHeader(mediaNanos);
                } else if (track.vp8.frameIsKey()) {
                    int[] size = Vp8Assembler.dimensions(frame);
                    if (size != null && (size[0] != width || size[1] != height)) {
                        // VP8 keyframes carry their size: players follow the change without a new track entry
                        LOG.debug("recording {}: video is now {}x{}", recordingId, size[0], size[1]);
                    }
                }
                write(track, mediaNanos, track.vp8.frameIsKey(), frame, 0, frame.length);
            }
        }
    }

    private void audioPacket(TrackState track, Item item, int sequence, long timestamp, byte[] p, int offset,
                             int length) throws IOException {
        if (track.lastSequence >= 0 && (short) (sequence - track.lastSequence) <= 0) {
            dropped(RecordingDrop.LATE);
            return;
        }
        track.lastSequence = sequence;
        long mediaNanos = track.toNanos(timestamp, item.arrivalNanos, publisherClockOffsetNanos.get(track.publisherId));
        if (originNanos == 0) {
            boolean videoPending = video != null || item.arrivalNanos - startNanos < AUDIO_ONLY_AFTER_NANOS;
            if (videoPending) {
                dropped(RecordingDrop.BEFORE_START);
                return;
            }
            writeHeader(mediaNanos);
        }
        write(track, mediaNanos, true, p, offset, length);
    }

    private void writeHeader(long originMediaNanos) throws IOException {
        originNanos = originMediaNanos == 0 ? 1 : originMediaNanos;
        List<WebmWriter.Track> entries = new ArrayList<>();
        int number = 1;
        if (video != null) {
            video.number = number++;
            entries.add(new WebmWriter.Track(video.number, true, video.publisherId, width, height));
        }
        // the video's publisher speaks first: players that play one audio track play that one
        List<TrackState> audio = new ArrayList<>(tracks.values().stream().filter(t -> !t.video && t.recorded).toList());
        String lead = video == null ? null : video.publisherId;
        audio.sort((a, b) -> Boolean.compare(!a.publisherId.equals(lead), !b.publisherId.equals(lead)));
        for (TrackState track : audio) {
            track.number = number++;
            entries.add(new WebmWriter.Track(track.number, false, track.publisherId, 0, 0));
        }
        audioTracks = audio.size();
        writer.writeHeader(entries, opusHead());
        lastClusterFlushNanos = nanoClock.getAsLong();
        LOG.info("recording {}: writing {} ({}x{} video: {}, audio tracks: {})", recordingId, file.getFileName(),
                width, height, video != null, audioTracks);
    }

    private void write(TrackState track, long mediaNanos, boolean keyframe, byte[] data, int offset, int length)
            throws IOException {
        long ms = (mediaNanos - originNanos) / NANOS_PER_MS;
        if (ms < 0) {
            dropped(RecordingDrop.BEFORE_START);
            return;
        }
        // a track's times always move forward (players need increasing timestamps), even when its
        // clock mapping moves to a sender report
        if (track.written) {
            ms = Math.max(ms, track.lastWrittenMs + 1);
        }
        track.written = true;
        track.lastWrittenMs = ms;
        boolean newCluster = writer.wantsNewCluster(ms, track.video && keyframe);
        writer.writeFrame(track.number, ms, keyframe, data, offset, length, track.video && keyframe);
        if (newCluster) {
            lastClusterFlushNanos = nanoClock.getAsLong();
        }
        if (track == video && keyframe) {
            lastVideoKeyframeNanos = nanoClock.getAsLong();
        }
        counters.frame(track.video);
    }

    private void idleFlush() throws IOException {
        long now = nanoClock.getAsLong();
        if (writer != null && originNanos != 0 && now - lastClusterFlushNanos > IDLE_FLUSH_NANOS) {
            writer.flushCluster();
            lastClusterFlushNanos = now;
        }
        if (video != null && video.vp8.waitingForKeyframe()) {
            requestKeyframe(false);
        } else if (video != null && lastVideoKeyframeNanos != 0 && now - lastVideoKeyframeNanos > SEEK_POINT_INTERVAL_NANOS) {
            requestKeyframe(false);
        }
    }

    private void requestKeyframe(boolean now) {
        long at = nanoClock.getAsLong();
        if (video == null || (!now && at - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS)) {
            return;
        }
        lastKeyframeRequestNanos = at;
        keyframes.request(video.ssrc);
    }

    private void fail(Exception e) {
        failed = true;
        dropped(RecordingDrop.WRITE_FAILED);
        LOG.warn("recording {} failed; what was written so far stays playable", recordingId, e);
    }

    private void finish() {
        try {
            if (writer != null) {
                if (originNanos != 0 && !failed) {
                    // the last frame lasts about one audio packet (20 ms)
                    writer.finish(writer.lastFrameMs() + 20);
                } else {
                    writer.close();
                }
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            counters.ended();
            result = summary();
        }
    }

    private RelayRecording summary() {
        Map<String, Long> counts = new LinkedHashMap<>();
        drops.forEach((reason, count) -> {
            if (count.get() > 0) {
                counts.put(reason.wire(), count.get());
            }
        });
        long bytes;
        try {
            bytes = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            bytes = 0;
        }
        return new RelayRecording(recordingId, file.getFileName().toString(), bytes,
                writer == null ? 0 : writer.durationMs(), width, height, audioTracks, counts);
    }

    private void dropped(RecordingDrop reason) {
        drops.get(reason).incrementAndGet();
        counters.dropped(reason);
    }

    private static byte[] opusHead() {
        // RFC 7845 identification header: version 1, 2 channels, no pre-skip, 48 kHz, no gain, family 0
        return new byte[] {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 2, 0, 0, (byte) 0x80, (byte) 0xbb, 0, 0, 0, 0, 0};
    }

    private static int rtpHeaderLength(byte[] p) {
        if (p.length < 12 || (p[0] & 0xc0) != 0x80) {
            return -1;
        }
        int length = 12 + 4 * (p[0] & 0x0f);
        if ((p[0] & 0x10) != 0) {
            if (p.length < length + 4) {
                return -1;
            }
            length += 4 + 4 * (((p[length + 2] & 0xff) << 8) | (p[length + 3] & 0xff));
        }
        return length <= p.length ? length : -1;
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    /** A packet or a sender report on its way from the event loop to the recording thread. */
    private record Item(String publisherId, long ssrc, boolean video, byte[] packet, long arrivalNanos, long ntpTime,
                        long rtpTimestamp) {
    }

    /** One RTP stream as the recording thread follows it: its clock mapping and, for the recorded video, its frames. */
    private static final class TrackState {

        final String publisherId;
        final long ssrc;
        final boolean video;
        final boolean recorded;
        final long clockRate;
        final Vp8Assembler vp8;
        int number;
        int lastSequence = -1;
        long lastWrittenMs;
        boolean written;
        // RTP timestamps extended past their 32-bit wrap
        private long lastRtp = -1;
        private long extendedRtp;
        private long baseRtp;
        private long baseArrivalNanos;
        private boolean hasReport;
        boolean reportRejected;
        private long lastArrivalNanos;
        private long reportRtp;
        private long reportNtpNanos;

        TrackState(String publisherId, long ssrc, boolean video, boolean recorded) {
            this.publisherId = publisherId;
            this.ssrc = ssrc;
            this.video = video;
            this.recorded = recorded;
            this.clockRate = video ? 90_000 : 48_000;
            this.vp8 = video && recorded ? new Vp8Assembler() : null;
        }

        TrackState register(Map<Long, TrackState> tracks) {
            tracks.put(ssrc, this);
            return this;
        }

        private long extend(long rtp) {
            if (lastRtp < 0) {
                extendedRtp = rtp;
            } else {
                extendedRtp += (int) (rtp - lastRtp);
            }
            lastRtp = rtp;
            return extendedRtp;
        }

        /**
         * Relates this track's RTP timestamps to its publisher's NTP clock, unless the report places the
         * latest packet at a time it cannot have been captured (before it arrived by more than any
         * encoder and network delay, or after it arrived): some senders' reports do not match their
         * packets, and one such report would throw the track off the timeline. Returns whether it was taken.
         */
        boolean senderReport(long rtp, long ntpNanos, Long publisherOffsetNanos) {
            if (lastRtp < 0 || publisherOffsetNanos == null) {
                return true;
            }
            // the report's timestamp is near the packets': extend it the same way, without moving the state
            long extended = extendedRtp + (int) (rtp - lastRtp);
            long latestCapture = ntpNanos + (extendedRtp - extended) * 1_000_000_000L / clockRate + publisherOffsetNanos;
            long lag = lastArrivalNanos - latestCapture;
            if (lag < -MAX_REPORT_LEAD_NANOS || lag > MAX_REPORT_LAG_NANOS) {
                return false;
            }
            hasReport = true;
            reportRtp = extended;
            reportNtpNanos = ntpNanos;
            return true;
        }

        /** The relay-clock time (ns) of an RTP timestamp of this track. */
        long toNanos(long rtp, long arrivalNanos, Long publisherOffsetNanos) {
            long extended = extend(rtp);
            lastArrivalNanos = arrivalNanos;
            if (hasReport && publisherOffsetNanos != null) {
                return reportNtpNanos + (extended - reportRtp) * 1_000_000_000L / clockRate + publisherOffsetNanos;
            }
            if (baseArrivalNanos == 0) {
                baseArrivalNanos = arrivalNanos;
                baseRtp = extended;
            }
            return baseArrivalNanos + (extended - baseRtp) * 1_000_000_000L / clockRate;
        }
    }
}

