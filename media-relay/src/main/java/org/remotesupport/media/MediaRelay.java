package org.remotesupport.media;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.remotesupport.media.dtls.DtlsCertificate;
import org.remotesupport.media.dtls.DtlsHandshakes;
import org.remotesupport.media.forward.PacketOutput;
import org.remotesupport.media.forward.RelayCore;
import org.remotesupport.media.forward.RelayCounters;
import org.remotesupport.media.record.RecordingCounters;
import org.remotesupport.media.sdp.OfferWriter;
import org.remotesupport.media.srtp.SrtpTransformer;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.relay.RelayRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running selective forwarding unit on one UDP port: ICE-lite, DTLS-SRTP, RTP/RTCP forwarding
 * between the endpoints of each session. Create with {@link #start}, stop with {@link #close}.
 * Control calls are thread-safe; packets are handled on the relay's own event loop thread.
 */
public final class MediaRelay implements RelayControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaRelay.class);
    // Larger than any datagram a WebRTC stack sends (they keep under the path MTU, about 1200 bytes).
    private static final int MAX_DATAGRAM = 2048;

    private final EventLoopGroup group;
    private final Channel channel;
    private final RelayCore core;
    private final RelayCounters counters;
    private final DtlsHandshakes dtls;
    private final InetSocketAddress localAddress;
    private final List<String> advertised;

    private MediaRelay(EventLoopGroup group, Channel channel, RelayCore core, RelayCounters counters,
                       DtlsHandshakes dtls, InetSocketAddress localAddress, List<String> advertised) {
        this.group = group;
        this.channel = channel;
        this.core = core;
        this.counters = counters;
        this.dtls = dtls;
        this.localAddress = localAddress;
        this.advertised = advertised;
    }

    /** Binds the UDP port and starts the event loop; counters are registered on {@code registry}. */
    public static MediaRelay start(RelayConfig config, MeterRegistry registry) {
        SecureRandom random = new SecureRandom();
        boolean epoll = config.nativeTransport() && Epoll.isAvailable();
        EventLoopGroup group = epoll
                ? new EpollEventLoopGroup(1, new DefaultThreadFactory("relay-io", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("relay-io", true));
        DtlsHandshakes dtls = new DtlsHandshakes(DtlsCertificate.generate(random, Clock.systemUTC()), random,
                Math.max(2, Runtime.getRuntime().availableProcessors()), 20_000);
        RelayCounters counters = new RelayCounters(registry);
        CoreHolder holder = new CoreHolder();
        Thread warmUp = new Thread(SrtpTransformer::warmUp, "relay-srtp-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(new RelayChannelHandler(holder, counters));
            Channel channel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
            InetSocketAddress local = (InetSocketAddress) channel.localAddress();
            List<String> advertised = config.advertisedAddresses().isEmpty()
                    ? hostAddresses() : config.advertisedAddresses();
            List<OfferWriter.Candidate> candidates = advertised.stream()
                    .map(address -> new OfferWriter.Candidate(address, local.getPort()))
                    .toList();
            RelayCore core = new RelayCore(dtls, counters, new ChannelOutput(channel), channel.eventLoop(),
                    System::nanoTime, random, candidates, local, config.consentTimeout().toNanos());
            core.offerSimulcast(config.simulcast());
            if (config.recording() != null) {
                core.enableRecording(config.recording(), new RecordingCounters(registry));
            }
            holder.core = core;
            channel.eventLoop().scheduleAtFixedRate(core::tick, 1, 1, TimeUnit.SECONDS);
            // transport-cc feedback every 50 ms: what libwebrtc's own receivers do at video rates
            channel.eventLoop().scheduleAtFixedRate(core::feedbackTick, 50, 50, TimeUnit.MILLISECONDS);
            Gauge.builder("relay.endpoints", core, RelayCore::endpointCount)
                    .description("endpoints allocated on the relay").register(registry);
            LOG.info("media relay on udp {} ({}), advertising {}", local, epoll ? "epoll" : "nio", advertised);
            return new MediaRelay(group, channel, core, counters, dtls, local, advertised);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully();
            dtls.close();
            throw new IllegalStateException("interrupted while binding the relay port", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            dtls.close();
            throw e;
        }
    }

    /** The bound UDP address. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The addresses written as host candidates into offers. */
    public List<String> advertisedAddresses() {
        return advertised;
    }

    /** The SHA-256 fingerprint of the relay's DTLS certificate, as offers carry it. */
    public String certificateFingerprint() {
        return dtls.certificate().fingerprint();
    }

    /** Current counters. */
    public RelayStats stats() {
        return new RelayStats(counters.receivedCount(), counters.forwardedCount(), counters.rtcpForwardedCount(),
                counters.nackAnsweredCount(), counters.droppedCounts(), core.endpointCount(),
                counters.keyframeRequestedCount(), counters.videoPausedCount(),
                counters.dtlsHandshakeCount(), counters.iceRestartCount(), counters.pathChangeCount());
    }

    /** The relay's bandwidth estimates per endpoint id (see {@link BandwidthEstimate}). */
    public Map<String, BandwidthEstimate> bandwidth() {
        return core.bandwidth();
    }

    @Override
    public RelayOffer allocate(String sessionId, String endpointId) {
        return core.allocate(sessionId, endpointId);
    }

    @Override
    public void answer(String endpointId, int revision, String sdp) {
        core.answer(endpointId, revision, sdp);
    }

    @Override
    public RelayOffer restartIce(String endpointId) {
        return core.restartIce(endpointId);
    }

    @Override
    public void release(String endpointId) {
        core.release(endpointId);
    }

    @Override
    public void startRecording(String sessionId, String recordingId, String videoEndpointId) {
        core.startRecording(sessionId, recordingId, videoEndpointId);
    }

    @Override
    public RelayRecording stopRecording(String sessionId) {
        return core.stopRecording(sessionId);
    }

    @Override
    public void setEvents(RelayEvents events) {
        core.setEvents(events);
    }

    @Override
    public void close() {
        core.stopAllRecordings();
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        dtls.close();
    }

    /** Every IPv4 address of the host's up interfaces, loopback last: what a LAN client can reach. */
    static List<String> hostAddresses() {
        List<String> external = new ArrayList<>();
        List<String> loopback = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        (address.isLoopbackAddress() ? loopback : external).add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}", e.toString());
        }
        external.addAll(loopback);
        if (external.isEmpty()) {
            external.add("127.0.0.1");
        }
        return List.copyOf(external);
    }

    /** Lets the handler be built before the core that needs the bound channel. */
    private static final class CoreHolder {
        volatile RelayCore core;
    }

    /**
     * Copies each datagram into a reused array and hands it to the core; flushes writes once per
     * read batch. Runs on the relay's event loop.
     */
    private static final class RelayChannelHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        private final CoreHolder holder;
        private final RelayCounters counters;
        private final byte[] buffer = new byte[MAX_DATAGRAM];

        RelayChannelHandler(CoreHolder holder, RelayCounters counters) {
            this.holder = holder;
            this.counters = counters;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            RelayCore core = holder.core;
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            if (core == null || length > buffer.length - 64) {
                counters.droppedBeforeCore(core == null ? DropReason.INTERNAL : DropReason.MALFORMED);
                return;
            }
            content.getBytes(content.readerIndex(), buffer, 0, length);
            core.onDatagram(buffer, length, packet.sender());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // UDP errors (ICMP unreachable reported as PortUnreachableException) must not close the port
            LOG.debug("relay channel error: {}", cause.toString());
        }
    }

    /** Writes to the relay's UDP channel. */
    private static final class ChannelOutput implements PacketOutput {

        private final Channel channel;

        ChannelOutput(Channel channel) {
            this.channel = channel;
        }

        @Override
        public ByteBuf allocate(int capacity) {
            return channel.alloc().heapBuffer(capacity);
        }

        @Override
        public void write(ByteBuf packet, InetSocketAddress to) {
            channel.write(new DatagramPacket(packet, to), channel.voidPromise());
        }

        @Override
        public void flush() {
            channel.flush();
        }

        @Override
        public void sendFromAnyThread(byte[] data, int offset, int length, InetSocketAddress to) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(data, offset, length), to), channel.voidPromise());
        }
    }
}
