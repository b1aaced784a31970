package org.remotesupport.media.forward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.remotesupport.media.DropReason;

/**
 * The relay's packet counters, registered with Micrometer as {@code relay.packets.*}, and the
 * per-endpoint bandwidth gauges {@code relay.bandwidth.*} (tag {@code endpoint}), registered while
 * the endpoint exists. Incremented on the event loop and DTLS threads; read from any thread.
 */
public final class RelayCounters {

    private final Counter received;
    private final Counter forwarded;
    private final Counter rtcpForwarded;
    private final Counter nackAnswered;
    private final Counter keyframeRequested;
    private final Counter layerPacketHeld;
    private final Counter videoHeldBack;
    private final Counter dtlsHandshakes;
    private final Counter iceRestarts;
    private final Counter pathChanges;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final MeterRegistry registry;

    public RelayCounters(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("relay.packets.received").description("datagrams read from the relay port").register(registry);
        forwarded = Counter.builder("relay.packets.forwarded").description("RTP packets sent to subscribers").register(registry);
        rtcpForwarded = Counter.builder("relay.rtcp.forwarded").description("RTCP packets relayed between endpoints").register(registry);
        nackAnswered = Counter.builder("relay.nack.answered").description("RTP packets resent from the cache").register(registry);
        keyframeRequested = Counter.builder("relay.keyframe.requested")
                .description("keyframe requests (PLI/FIR) sent to publishers, after aggregation").register(registry);
        layerPacketHeld = Counter.builder("relay.video.held")
                .description("video packets not sent to a subscriber: another simulcast layer is its, or its link cannot carry the stream")
                .register(registry);
        videoHeldBack = Counter.builder("relay.video.paused")
                .description("times a subscriber's single-stream video was held back until its link could carry it")
                .register(registry);
        dtlsHandshakes = Counter.builder("relay.dtls.handshakes").description("DTLS handshakes completed").register(registry);
        iceRestarts = Counter.builder("relay.ice.restarts").description("ICE restarts offered to endpoints").register(registry);
        pathChanges = Counter.builder("relay.ice.path.changes")
                .description("endpoints moved to a new client address by a nominated check").register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("relay.packets.dropped")
                    .description("datagrams dropped, by reason")
                    .tag("reason", reason.name().toLowerCase())
                    .register(registry));
        }
    }

    void addEndpoint(Endpoint endpoint) {
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("relay.bandwidth.downlink", endpoint, e -> e.downlink.estimateBps())
                .description("estimated bandwidth of the endpoint's downlink from its transport-cc feedback, bit/s")
                .baseUnit("bits/s").tag("endpoint", endpoint.id).register(registry));
        meters.add(Gauge.builder("relay.bandwidth.delivered", endpoint, e -> e.downlink.estimator().deliveredBps())
                .description("throughput the endpoint's transport-cc feedback says arrived, bit/s")
                .baseUnit("bits/s").tag("endpoint", endpoint.id).register(registry));
        meters.add(Gauge.builder("relay.bandwidth.remb.sent", endpoint, e -> e.rembSentBps)
                .description("the last REMB cap the relay sent the endpoint as a publisher, bit/s")
                .baseUnit("bits/s").tag("endpoint", endpoint.id).register(registry));
        endpoint.meters = List.copyOf(meters);
    }

    void removeEndpoint(Endpoint endpoint) {
        for (Meter meter : endpoint.meters) {
            registry.remove(meter);
        }
    }

    void received() {
        received.increment();
    }

    void forwarded() {
        forwarded.increment();
    }

    void rtcpForwarded() {
        rtcpForwarded.increment();
    }

    void dtlsHandshakeCompleted() {
        dtlsHandshakes.increment();
    }

    void iceRestarted() {
        iceRestarts.increment();
    }

    void pathChanged() {
        pathChanges.increment();
    }

    public long dtlsHandshakeCount() {
        return (long) dtlsHandshakes.count();
    }

    public long iceRestartCount() {
        return (long) iceRestarts.count();
    }

    public long pathChangeCount() {
        return (long) pathChanges.count();
    }

    void nackAnswered() {
        nackAnswered.increment();
    }

    void keyframeRequested() {
        keyframeRequested.increment();
    }

    void layerPacketHeld() {
        layerPacketHeld.increment();
    }

    void videoHeldBack() {
        videoHeldBack.increment();
    }

    public long keyframeRequestedCount() {
        return (long) keyframeRequested.count();
    }

    public long videoPausedCount() {
        return (long) videoHeldBack.count();
    }

    /** Counts a datagram dropped before it reached the core (too large, or the relay still starting). */
    public void droppedBeforeCore(DropReason reason) {
        received();
        dropped(reason);
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public long receivedCount() {
        return (long) received.count();
    }

    public long forwardedCount() {
        return (long) forwarded.count();
    }

    public long rtcpForwardedCount() {
        return (long) rtcpForwarded.count();
    }

    public long nackAnsweredCount() {
        return (long) nackAnswered.count();
    }

    public Map<DropReason, Long> droppedCounts() {
        Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, counter) -> counts.put(reason, (long) counter.count()));
        return counts;
    }
}
