package org.remotesupport.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.SrtpErrorStatus;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.srtp.PacketBuffer;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.media.srtp.SrtpTransformer;

/**
 * One transport of the load generator, as a browser's peer connection has one: a UDP socket on
 * loopback, ICE checks, a DTLS client handshake and SRTP (or plain RTP against the floor), the RTP
 * streams it sends, and the accounting of what it receives. Signaling code (a system under test's
 * driver) reads its credentials for SDP and gives it the remote side with {@link #remote}; the
 * {@link LoadGenerator} connects it and runs its media. Packet work happens on the endpoint's event
 * loop; the setters are for the signaling thread before {@link LoadGenerator#connect}.
 */
public final class LoadEndpoint {

    /** Payload offset of the benchmark's marker: after a VP8 descriptor and header, where forwarders look. */
    static final int MARK_OFFSET = 12;
    static final int MAGIC = 0x52534e42;
    /** A frame this late is skipped rather than sent in a catch-up burst. */
    private static final long LATE_FRAME_NANOS = 100_000_000L;

    private final LoadGenerator generator;
    private final String name;
    private final boolean secure;
    private final String ufrag;
    private final String password;
    private final long tieBreaker;
    final List<OutStream> streams = new ArrayList<>();
    final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> iceResponse = new CompletableFuture<>();
    Channel channel;

    private volatile InetSocketAddress remote;
    private volatile String remoteUfrag;
    private volatile String remotePassword;
    private volatile String remoteFingerprint;
    private volatile boolean controlling = true;
    volatile SrtpTransformer srtp;
    volatile SrtpProfile profile;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final List<ScheduledFuture<?>> mediaTasks = new ArrayList<>();

    // event loop scratch
    private final PacketBuffer sendView = new PacketBuffer();

    LoadEndpoint(LoadGenerator generator, String name, boolean secure, String ufrag, String password, long tieBreaker) {
        this.generator = generator;
        this.name = name;
        this.secure = secure;
        this.ufrag = ufrag;
        this.password = password;
        this.tieBreaker = tieBreaker;
    }

    public String name() {
        return name;
    }

    public String ufrag() {
        return ufrag;
    }

    public String password() {
        return password;
    }

    /** SHA-256 fingerprint of the certificate this endpoint presents in DTLS, for its SDP. */
    public String fingerprint() {
        return generator.certificate().fingerprint();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** SSRC of the audio stream this endpoint sends, or -1. */
    public long audioSsrc() {
        return streams.stream().filter(s -> !s.video).mapToLong(s -> s.ssrc).findFirst().orElse(-1);
    }

    /** SSRC of the video stream this endpoint sends, or -1. */
    public long videoSsrc() {
        return streams.stream().filter(s -> s.video).mapToLong(s -> s.ssrc).findFirst().orElse(-1);
    }

    /**
     * The other side of the transport from its SDP: where to send, its ICE credentials and DTLS
     * fingerprint (both ignored for the floor), and whether this endpoint is the controlling ICE agent.
     */
    public void remote(InetSocketAddress address, String ufrag, String password, String fingerprint, boolean controlling) {
        this.remote = address;
        this.remoteUfrag = ufrag;
        this.remotePassword = password;
        this.remoteFingerprint = fingerprint;
        this.controlling = controlling;
    }

    /** The SRTP profile DTLS chose, or null before (and for plain RTP). */
    public SrtpProfile profile() {
        return profile;
    }

    boolean secure() {
        return secure;
    }

    InetSocketAddress remoteAddress() {
        return remote;
    }

    String remoteUfrag() {
        return remoteUfrag;
    }

    String remotePassword() {
        return remotePassword;
    }

    String remoteFingerprint() {
        return remoteFingerprint;
    }

    boolean controlling() {
        return controlling;
    }

    long tieBreaker() {
        return tieBreaker;
    }

    /** Sends a datagram from any thread. */
    void sendRaw(byte[] data, int offset, int length) {
        InetSocketAddress to = remote;
        if (to != null) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(data, offset, length), to), channel.voidPromise());
        }
    }

    void addTask(ScheduledFuture<?> task) {
        synchronized (tasks) {
            tasks.add(task);
        }
    }

    void addMediaTask(ScheduledFuture<?> task) {
        synchronized (tasks) {
            mediaTasks.add(task);
        }
    }

    /** Stops the media; ICE consent checks go on. */
    void cancelMediaTasks() {
        synchronized (tasks) {
            mediaTasks.forEach(task -> task.cancel(false));
            mediaTasks.clear();
        }
    }

    void cancelTasks() {
        cancelMediaTasks();
        synchronized (tasks) {
            tasks.forEach(task -> task.cancel(false));
            tasks.clear();
        }
    }

    // ------------------------------------------------------------------ event loop: sending

    /**
     * Whether the frame now due is so late that it is skipped: after the event loop was held up (a
     * GC pause, a busy machine) the scheduler runs the missed periods back to back, and sending them
     * would be a burst no camera makes. Advances the stream's clock either way.
     */
    private boolean skipLateFrame(OutStream stream, long periodNanos) {
        long now = System.nanoTime();
        long due = stream.dueNanos;
        stream.dueNanos = due + periodNanos;
        if (now - due > LATE_FRAME_NANOS) {
            generator.loopStats().late++;
            return true;
        }
        return false;
    }

    /** Sends one video frame as a burst of packets. */
    void sendVideoFrame(OutStream stream, Traffic traffic) {
        if (skipLateFrame(stream, 1_000_000_000L / traffic.framesPerSecond())) {
            stream.frames++;
            stream.rtpTimestamp += 90_000 / traffic.framesPerSecond();
            stream.sequence = (stream.sequence + traffic.packetsPerFrame()) & 0xffff;
            return;
        }
        int packets = traffic.packetsPerFrame();
        // a keyframe every 3 s, marked as VP8 would mark it; forwarders that track keyframes see them
        boolean keyframe = stream.frames % (3 * traffic.framesPerSecond()) == 0;
        for (int i = 0; i < packets; i++) {
            sendRtp(stream, traffic.videoPayloadBytes(), i == 0, i == packets - 1, keyframe);
        }
        stream.frames++;
        stream.rtpTimestamp += 90_000 / traffic.framesPerSecond();
        channel.flush();
    }

    void sendAudioFrame(OutStream stream, Traffic traffic) {
        if (skipLateFrame(stream, 1_000_000_000L / Traffic.AUDIO_PACKETS_PER_SECOND)) {
            stream.rtpTimestamp += 960;
            stream.sequence = (stream.sequence + 1) & 0xffff;
            return;
        }
        sendRtp(stream, traffic.audioPayloadBytes(), true, true, false);
        stream.rtpTimestamp += 960;
        channel.flush();
    }

    private void sendRtp(OutStream stream, int payloadLength, boolean frameStart, boolean marker, boolean keyframe) {
        InetSocketAddress to = remote;
        SrtpTransformer keys = srtp;
        if (to == null || (secure && keys == null)) {
            return;
        }
        int length = Rtp.HEADER_LENGTH + payloadLength;
        ByteBuf buffer = channel.alloc().heapBuffer(length + PacketBuffer.TRAILER_ROOM);
        byte[] a = buffer.array();
        int base = buffer.arrayOffset() + buffer.writerIndex();
        a[base] = (byte) 0x80;
        a[base + 1] = (byte) ((marker && stream.video ? 0x80 : 0) | stream.payloadType);
        Rtp.put16(a, base + 2, stream.sequence);
        Rtp.put32(a, base + 4, stream.rtpTimestamp);
        Rtp.put32(a, base + 8, stream.ssrc);
        int p = base + Rtp.HEADER_LENGTH;
        if (stream.video) {
            // VP8 payload descriptor (S bit on a frame's first packet) and, there, the frame header
            a[p] = (byte) (frameStart ? 0x10 : 0x00);
            a[p + 1] = (byte) (keyframe ? 0x10 : 0x11);
            a[p + 2] = 0;
            a[p + 3] = 0;
            a[p + 4] = (byte) 0x9d;
            a[p + 5] = 0x01;
            a[p + 6] = 0x2a;
            a[p + 7] = 0x00;
            a[p + 8] = 0x05;
            a[p + 9] = (byte) 0xd0;
            a[p + 10] = 0x02;
            a[p + 11] = 0;
        } else {
            a[p] = (byte) 0x78;
        }
        long now = System.nanoTime();
        int m = p + MARK_OFFSET;
        Rtp.put32(a, m, MAGIC);
        putLong(a, m + 4, now);
        int out = length;
        if (secure) {
            sendView.wrap(a, base, length, buffer.writableBytes());
            try {
                if (keys.protectRtp(sendView) != SrtpErrorStatus.OK) {
                    buffer.release();
                    return;
                }
            } catch (Exception e) {
                buffer.release();
                return;
            }
            out = sendView.getLength();
        }
        buffer.writerIndex(buffer.writerIndex() + out);
        stream.sequence = (stream.sequence + 1) & 0xffff;
        stream.packets++;
        stream.octets += payloadLength;
        MeasureWindow window = generator.window();
        if (window != null && window.contains(now)) {
            generator.loopStats().sent++;
        }
        channel.write(new DatagramPacket(buffer, to), channel.voidPromise());
    }

    /** An RTCP sender report for each stream this endpoint sends, as browsers send about once a second. */
    void sendSenderReports() {
        InetSocketAddress to = remote;
        SrtpTransformer keys = srtp;
        if (to == null || (secure && keys == null)) {
            return;
        }
        for (OutStream stream : streams) {
            ByteBuf buffer = channel.alloc().heapBuffer(28 + PacketBuffer.TRAILER_ROOM);
            byte[] a = buffer.array();
            int base = buffer.arrayOffset() + buffer.writerIndex();
            a[base] = (byte) 0x80;
            a[base + 1] = (byte) 200;
            Rtp.put16(a, base + 2, 6);
            Rtp.put32(a, base + 4, stream.ssrc);
            long ntpSeconds = System.currentTimeMillis() / 1000 + 2_208_988_800L;
            Rtp.put32(a, base + 8, ntpSeconds);
            Rtp.put32(a, base + 12, 0);
            Rtp.put32(a, base + 16, stream.rtpTimestamp);
            Rtp.put32(a, base + 20, stream.packets);
            Rtp.put32(a, base + 24, stream.octets);
            int out = 28;
            if (secure) {
                sendView.wrap(a, base, 28, buffer.writableBytes());
                try {
                    if (keys.protectRtcp(sendView) != SrtpErrorStatus.OK) {
                        buffer.release();
                        continue;
                    }
                } catch (Exception e) {
                    buffer.release();
                    continue;
                }
                out = sendView.getLength();
            }
            buffer.writerIndex(buffer.writerIndex() + out);
            channel.write(new DatagramPacket(buffer, to), channel.voidPromise());
        }
        channel.flush();
    }

    // ------------------------------------------------------------------ event loop: receiving

    /** Handles one received datagram copied into {@code data}; {@code arrival} was read on receipt. */
    void onDatagram(byte[] data, int length, InetSocketAddress sender, long arrival, PacketBuffer view) {
        switch (Rtp.classify(data, 0, length)) {
            case STUN -> onStun(data, length, sender);
            case DTLS -> dtlsInbound.add(java.util.Arrays.copyOf(data, length));
            case RTP -> onRtp(data, length, arrival, view);
            default -> {
                // RTCP from the forwarder (receiver reports, REMB, keyframe requests): not measured
            }
        }
    }

    private void onStun(byte[] data, int length, InetSocketAddress sender) {
        int type = StunSupport.messageType(data);
        if (type == 0x0101) {
            iceResponse.complete(null);
        } else if (type == 0x0001) {
            try {
                byte[] response = generator.stun().answer(this, data, length, sender);
                if (response != null) {
                    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response), sender), channel.voidPromise());
                }
            } catch (Exception e) {
                // a check we cannot parse gets no answer, as from a browser
            }
        }
    }

    private void onRtp(byte[] data, int length, long arrival, PacketBuffer view) {
        LoopStats stats = generator.loopStats();
        int plain = length;
        if (secure) {
            SrtpTransformer keys = srtp;
            if (keys == null) {
                return;
            }
            try {
                if (keys.unprotectRtp(view.wrap(data, 0, length)) != SrtpErrorStatus.OK) {
                    stats.undecryptable++;
                    return;
                }
            } catch (Exception e) {
                stats.undecryptable++;
                return;
            }
            plain = view.getLength();
        }
        int header = Rtp.headerLength(data, 0, plain);
        int mark = header + MARK_OFFSET;
        if (header < 0 || mark + 12 > plain || Rtp.u32(data, mark) != (MAGIC & 0xffffffffL)) {
            return;
        }
        long sent = getLong(data, mark + 4);
        MeasureWindow window = generator.window();
        if (window != null && window.contains(sent)) {
            stats.received++;
            stats.recordTransit(arrival - sent);
        }
    }

    private static void putLong(byte[] b, int at, long value) {
        Rtp.put32(b, at, value >>> 32);
        Rtp.put32(b, at + 4, value & 0xffffffffL);
    }

    private static long getLong(byte[] b, int at) {
        return (Rtp.u32(b, at) << 32) | Rtp.u32(b, at + 4);
    }

    /** Waits for a STUN success response after a check; used by the connecting thread. */
    boolean awaitIceResponse(long millis) throws InterruptedException {
        try {
            iceResponse.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
