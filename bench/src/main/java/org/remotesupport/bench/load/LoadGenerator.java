package org.remotesupport.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;
import org.remotesupport.media.dtls.DtlsCertificate;
import org.remotesupport.media.dtls.DtlsSrtpClient;
import org.remotesupport.media.srtp.SrtpKeys;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.media.srtp.SrtpTransformer;

/**
 * Browser-like load in one process: hundreds of {@link LoadEndpoint}s on a few Netty event loops
 * (native epoll, pooled buffers), each running ICE checks, the DTLS client handshake with the
 * relay's own {@link DtlsSrtpClient} and SRTP with its {@link SrtpTransformer}, then sending RTP at
 * the scenario's rates and timing what arrives. Setup (ICE, DTLS) runs on a pool of blocking
 * threads, media on the event loops. Measurement is by windows of send time ({@link #measure}).
 * Thread-safe.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Duration CONSENT_INTERVAL = Duration.ofMillis(2500);

    private final Traffic traffic;
    private final SrtpProfile[] offeredProfiles;
    private final SecureRandom random = new SecureRandom();
    private final DtlsCertificate certificate = DtlsCertificate.generate(random, Clock.systemUTC());
    private final EventLoopGroup group;
    private final ExecutorService setup;
    private final StunSupport stun = new StunSupport(random);
    private final FastThreadLocal<LoopStats> stats = new FastThreadLocal<>() {
        @Override
        protected LoopStats initialValue() {
            return new LoopStats();
        }
    };
    private final List<LoadEndpoint> endpoints = new ArrayList<>();
    private volatile MeasureWindow window;
    private final CompletableFuture<Void> srtpReady;

    /**
     * @param threads  event loop threads for media
     * @param offered  SRTP profiles offered in DTLS, in order of preference, as a browser offers them
     */
    public LoadGenerator(int threads, Traffic traffic, SrtpProfile... offered) {
        this.traffic = traffic;
        this.offeredProfiles = offered.length == 0 ? SrtpProfile.values() : offered.clone();
        this.group = new EpollEventLoopGroup(threads, new DefaultThreadFactory("load-io", true));
        AtomicInteger count = new AtomicInteger();
        // DTLS handshakes block their thread for a few round trips, so many run side by side
        this.setup = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "load-setup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // in the background while the systems under test start; the first handshake waits for it
        this.srtpReady = CompletableFuture.runAsync(this::warmUpSrtp, setup);
    }

    /**
     * jitsi-srtp picks its AES implementation by timing each candidate on first use, which takes
     * seconds on a busy machine; done here, before any event loop sends a packet.
     */
    private void warmUpSrtp() {
        for (SrtpProfile profile : offeredProfiles) {
            byte[] material = new byte[SrtpKeys.materialLength(profile)];
            random.nextBytes(material);
            SrtpKeys keys = SrtpKeys.fromExportedMaterial(profile, material);
            try (SrtpTransformer sender = SrtpTransformer.forDtlsClient(keys)) {
                byte[] packet = new byte[200];
                packet[0] = (byte) 0x80;
                packet[1] = 96;
                sender.protectRtp(new org.remotesupport.media.srtp.PacketBuffer(packet, 0, 100));
            } catch (Exception e) {
                throw new IllegalStateException("SRTP does not work here", e);
            }
        }
    }

    public Traffic traffic() {
        return traffic;
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    StunSupport stun() {
        return stun;
    }

    MeasureWindow window() {
        return window;
    }

    LoopStats loopStats() {
        return stats.get();
    }

    /**
     * Binds a new endpoint on loopback. {@code secure} selects ICE + DTLS-SRTP (a browser) or plain
     * RTP (against the floor); it sends an audio stream and, when {@code video}, a video stream.
     */
    public LoadEndpoint newEndpoint(String name, boolean secure, boolean audio, boolean video) throws InterruptedException {
        return newEndpoint(name, secure, audio, video, "127.0.0.1");
    }

    /** {@link #newEndpoint(String, boolean, boolean, boolean)} on another local address than 127.0.0.1. */
    public LoadEndpoint newEndpoint(String name, boolean secure, boolean audio, boolean video, String bindAddress)
            throws InterruptedException {
        byte[] ufrag = new byte[4];
        byte[] password = new byte[12];
        random.nextBytes(ufrag);
        random.nextBytes(password);
        LoadEndpoint endpoint = new LoadEndpoint(this, name, secure, HexFormat.of().formatHex(ufrag),
                HexFormat.of().formatHex(password), random.nextLong() & Long.MAX_VALUE);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (audio) {
            endpoint.streams.add(new OutStream(random.nextInt() & 0xffffffffL, 111, false, r.nextInt(1 << 15), r.nextInt() & 0xffffffffL));
        }
        if (video) {
            endpoint.streams.add(new OutStream(random.nextInt() & 0xffffffffL, 96, true, r.nextInt(1 << 15), r.nextInt() & 0xffffffffL));
        }
        endpoint.channel = new Bootstrap()
                .group(group)
                .channel(EpollDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1024 * 1024)
                .option(ChannelOption.SO_SNDBUF, 1024 * 1024)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
                .handler(new EndpointHandler(endpoint))
                .bind(bindAddress, 0).sync().channel();
        stun.register(endpoint);
        synchronized (endpoints) {
            endpoints.add(endpoint);
        }
        return endpoint;
    }

    /**
     * Runs ICE checks until the remote side answers one, keeps consent fresh, then the DTLS client
     * handshake; completes when SRTP keys are in place. Plain endpoints complete at once.
     */
    public CompletableFuture<Void> connect(LoadEndpoint endpoint, Duration timeout) {
        if (!endpoint.secure()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                connectBlocking(endpoint, System.nanoTime() + timeout.toNanos());
            } catch (Exception e) {
                throw new IllegalStateException(endpoint + ": " + e.getMessage(), e);
            }
        }, setup);
    }

    private void connectBlocking(LoadEndpoint endpoint, long deadline) throws Exception {
        srtpReady.join();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no ICE response from " + endpoint.remoteAddress());
            }
            byte[] check = stun.bindingRequest(endpoint, endpoint.controlling());
            endpoint.sendRaw(check, 0, check.length);
            if (endpoint.awaitIceResponse(200)) {
                break;
            }
        }
        long period = CONSENT_INTERVAL.toNanos();
        endpoint.addTask(endpoint.channel.eventLoop().scheduleAtFixedRate(() -> {
            try {
                byte[] refresh = stun.bindingRequest(endpoint, false);
                endpoint.sendRaw(refresh, 0, refresh.length);
            } catch (Exception e) {
                // the next refresh tries again
            }
        }, period, period, TimeUnit.NANOSECONDS));
        SrtpKeys keys = DtlsSrtpClient.handshake(certificate, endpoint.remoteFingerprint(),
                new QueueTransport(endpoint, deadline), random, offeredProfiles);
        endpoint.profile = keys.profile();
        endpoint.srtp = SrtpTransformer.forDtlsClient(keys);
    }

    /** Starts the endpoint's streams at the scenario's rates, at a random phase so sessions do not send in step. */
    public void startMedia(LoadEndpoint endpoint) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        var loop = endpoint.channel.eventLoop();
        long framePeriod = 1_000_000_000L / traffic.framesPerSecond();
        long audioPeriod = 1_000_000_000L / Traffic.AUDIO_PACKETS_PER_SECOND;
        for (OutStream stream : endpoint.streams) {
            long period = stream.video ? framePeriod : audioPeriod;
            long phase = r.nextLong(period);
            stream.dueNanos = System.nanoTime() + phase;
            Runnable send = stream.video ? () -> endpoint.sendVideoFrame(stream, traffic)
                    : () -> endpoint.sendAudioFrame(stream, traffic);
            endpoint.addMediaTask(loop.scheduleAtFixedRate(send, phase, period, TimeUnit.NANOSECONDS));
        }
        endpoint.addMediaTask(loop.scheduleAtFixedRate(endpoint::sendSenderReports,
                r.nextLong(1_000_000_000L), 1_000_000_000L, TimeUnit.NANOSECONDS));
    }

    /** Stops the endpoint's media (its transport stays up: consent checks go on); {@link #startMedia} resumes it. */
    public void stopMedia(LoadEndpoint endpoint) {
        endpoint.cancelMediaTasks();
    }

    /**
     * Counts the packets sent during the next {@code length} (from now on) and those of them that
     * arrive; waits for the window and a grace period for stragglers, then returns the totals over
     * every event loop. Packets still missing then count as lost.
     */
    public WindowResult measure(Duration length, Duration grace) throws Exception {
        drainAll();
        long start = System.nanoTime();
        MeasureWindow current = new MeasureWindow(start, start + length.toNanos());
        window = current;
        TimeUnit.NANOSECONDS.sleep(length.toNanos());
        TimeUnit.NANOSECONDS.sleep(grace.toNanos());
        LoopStats total = drainAll();
        window = null;
        return new WindowResult(length, total.sent, total.received, total.undecryptable, total.transit);
    }

    private LoopStats drainAll() throws Exception {
        LoopStats total = new LoopStats();
        List<Future<LoopStats>> parts = new ArrayList<>();
        for (EventExecutor loop : group) {
            parts.add(loop.submit(() -> stats.get().drain()));
        }
        for (Future<LoopStats> part : parts) {
            total.add(part.get(10, TimeUnit.SECONDS));
        }
        return total;
    }

    /** Stops media and consent checks of every endpoint and closes their sockets. */
    public void stopAll() {
        List<LoadEndpoint> all;
        synchronized (endpoints) {
            all = new ArrayList<>(endpoints);
            endpoints.clear();
        }
        for (LoadEndpoint endpoint : all) {
            endpoint.cancelTasks();
            stun.unregister(endpoint);
            endpoint.channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            SrtpTransformer keys = endpoint.srtp;
            if (keys != null) {
                // closed on its event loop, which may still be inside a packet with these keys
                endpoint.channel.eventLoop().execute(keys::close);
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        setup.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** BouncyCastle's blocking view of an endpoint for the DTLS handshake: records arrive through its queue. */
    private static final class QueueTransport implements DatagramTransport {

        private final LoadEndpoint endpoint;
        private final long deadline;

        QueueTransport(LoadEndpoint endpoint, long deadline) {
            this.endpoint = endpoint;
            this.deadline = deadline;
        }

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("DTLS handshake timed out");
            }
            try {
                byte[] record = endpoint.dtlsInbound.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                int n = Math.min(len, record.length);
                System.arraycopy(record, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during the DTLS handshake");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            endpoint.sendRaw(buf, off, len);
        }

        @Override
        public void close() {
        }
    }
}
