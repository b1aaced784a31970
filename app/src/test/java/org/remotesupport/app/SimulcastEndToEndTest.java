package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.PeerProcess;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.RelayNegotiation;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.BandwidthEstimate;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayConfig;
import org.remotesupport.testsupport.net.NetworkNamespace;

/**
 * Simulcast with real libwebrtc peers: the customer (in this JVM) answers the relay's simulcast
 * offer and sends its generated 1280x720 video as three layers (320x180, 640x360, 1280x720); the
 * agent (in this JVM, on a clean path) and a supervisor (in its own process inside a network
 * namespace, see CongestionControlEndToEndTest for the harness) watch. Once both decode the top
 * layer, the supervisor's downlink is capped: it must move to a lower layer and keep decoding,
 * while the agent keeps the full resolution throughout. Deadlines are generous: the machine may be
 * busy.
 */
class SimulcastEndToEndTest {

    private static final VideoFormat SENT = VideoFormat.HD_30;
    private static final int CAP_KBPS = 300;
    private static final int QUEUE_MILLIS = 500;
    private static final Duration TOP_LAYER_WITHIN = Duration.ofSeconds(30);
    private static final Duration SWITCH_WITHIN = Duration.ofSeconds(15);
    private static final Duration CAPPED_WINDOW = Duration.ofSeconds(8);
    private static final double MIN_CAPPED_FPS = 5;
    private static final Duration LONGEST_ACCEPTABLE_FREEZE = Duration.ofSeconds(3);
    private static final Duration LONGEST_SWITCH_FREEZE = Duration.ofSeconds(6);

    @Test
    void simulcastSwitchesLayersForACappedSubscriberWhileAnUncappedOneKeepsTheTopLayer() throws Exception {
        try (NetworkNamespace link = NetworkNamespace.create();
             MediaRelay relay = MediaRelay.start(new RelayConfig("0.0.0.0", 0, List.of(link.hostAddress()),
                     Duration.ofSeconds(30), true), new SimpleMeterRegistry());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(SENT));
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.none());
             PeerProcess supervisor = PeerProcess.start(link, "supervisor", null);
             RelayNegotiation negotiation = new RelayNegotiation(relay)) {

            negotiation.join("s1", "agent", offer -> agent.applyOffer(offer.sdp(), offer.uplink()));
            negotiation.join("s1", "supervisor", offer -> supervisor.applyOffer(offer.sdp(), offer.uplink()));
            negotiation.join("s1", "customer", offer -> customer.applyOffer(offer.sdp(), offer.uplink()));

            // the customer's estimate grows until libwebrtc turns on the top layer; both viewers follow it
            long start = System.nanoTime();
            ReceivedVideo agentVideo = agent.receivedVideo();
            ReceivedVideo supervisorVideo = supervisor.receivedVideo();
            while (System.nanoTime() - start < TOP_LAYER_WITHIN.toNanos()
                    && !(isTop(agentVideo) && isTop(supervisorVideo))) {
                TimeUnit.MILLISECONDS.sleep(500); // sampling period, not synchronisation
                agentVideo = agent.receivedVideo();
                supervisorVideo = supervisor.receivedVideo();
            }
            long topAfterMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("before the cap, after %d ms: agent %s, supervisor %s; customer sends %s%n",
                    topAfterMillis, agentVideo, supervisorVideo, layersSent(customer));
            assertThat(negotiation.failures).isEmpty();
            assertThat(layersSent(customer)).as("layers the customer sends (rid -> width)").hasSize(3);
            assertThat(isTop(agentVideo) && isTop(supervisorVideo))
                    .as("both viewers decode the top layer on a clean path: agent %s, supervisor %s",
                            agentVideo, supervisorVideo).isTrue();

            link.limitDownlink(CAP_KBPS, QUEUE_MILLIS);
            agent.takeLongestFrameGap();
            supervisor.takeLongestFrameGap();
            long capStart = System.nanoTime();
            long switchedAfterMillis = -1;
            int agentOffTop = 0;
            while (System.nanoTime() - capStart < SWITCH_WITHIN.toNanos()) {
                TimeUnit.MILLISECONDS.sleep(250);
                supervisorVideo = supervisor.receivedVideo();
                agentVideo = agent.receivedVideo();
                agentOffTop += isTop(agentVideo) ? 0 : 1;
                BandwidthEstimate estimate = relay.bandwidth().get("supervisor");
                System.out.printf("capped t=%4.2fs: supervisor %dx%d, %d frames; its downlink estimate %d kbit/s"
                                + " (delivered %d, loss %.2f, limiting %s)%n", (System.nanoTime() - capStart) / 1e9,
                        supervisorVideo.width(), supervisorVideo.height(), supervisorVideo.frames(),
                        estimate.downlinkBps() / 1000, estimate.deliveredBps() / 1000, estimate.downlinkLoss(),
                        estimate.downlinkLimiting());
                if (supervisorVideo.width() > 0 && supervisorVideo.width() < SENT.width()) {
                    switchedAfterMillis = (System.nanoTime() - capStart) / 1_000_000;
                    break;
                }
            }
            Duration switchGap = supervisor.takeLongestFrameGap();
            System.out.printf("supervisor's downlink capped at %d kbit/s: decodes %dx%d after %d ms"
                            + " (longest pause meanwhile %d ms); relay estimates %s%n", CAP_KBPS, supervisorVideo.width(),
                    supervisorVideo.height(), switchedAfterMillis, switchGap.toMillis(), relay.bandwidth().get("supervisor"));

            ReceivedVideo supervisorBefore = supervisor.receivedVideo();
            ReceivedVideo agentBefore = agent.receivedVideo();
            long windowStart = System.nanoTime();
            while (System.nanoTime() - windowStart < CAPPED_WINDOW.toNanos()) {
                TimeUnit.MILLISECONDS.sleep(250);
                agentOffTop += isTop(agent.receivedVideo()) ? 0 : 1;
            }
            ReceivedVideo supervisorAfter = supervisor.receivedVideo();
            ReceivedVideo agentAfter = agent.receivedVideo();
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double supervisorFps = (supervisorAfter.frames() - supervisorBefore.frames()) / seconds;
            double agentFps = (agentAfter.frames() - agentBefore.frames()) / seconds;
            Duration supervisorGap = supervisor.takeLongestFrameGap();
            Duration agentGap = agent.takeLongestFrameGap();
            System.out.printf("then over %.1f s: supervisor %.1f fps at %dx%d (longest pause %d ms), agent %.1f fps at"
                            + " %dx%d (longest pause %d ms, samples off the top layer %d); customer sends %s; relay %s%n",
                    seconds, supervisorFps, supervisorAfter.width(), supervisorAfter.height(), supervisorGap.toMillis(),
                    agentFps, agentAfter.width(), agentAfter.height(), agentGap.toMillis(), agentOffTop,
                    layersSent(customer), relay.stats());

            assertThat(negotiation.failures).isEmpty();
            assertThat(switchedAfterMillis).as("ms until the capped supervisor decoded a lower layer")
                    .isBetween(0L, SWITCH_WITHIN.toMillis());
            assertThat(supervisorAfter.width()).as("the capped supervisor stays on a lower layer").isLessThan(SENT.width());
            assertThat(supervisorFps).as("frames per second the capped supervisor decodes").isGreaterThan(MIN_CAPPED_FPS);
            assertThat(supervisorGap).as("the capped supervisor's longest pause between decoded frames on the lower layer")
                    .isLessThan(LONGEST_ACCEPTABLE_FREEZE);
            // the cap's first moments overflow the queue before any estimate can react: a short freeze is expected
            assertThat(switchGap).as("the capped supervisor's longest pause while it switched")
                    .isLessThan(LONGEST_SWITCH_FREEZE);
            assertThat(agentOffTop).as("samples in which the uncapped agent decoded less than the top layer").isZero();
            assertThat(agentFps).as("frames per second the uncapped agent decodes").isGreaterThan(MIN_CAPPED_FPS);
            assertThat(agentGap).as("the uncapped agent's longest pause").isLessThan(LONGEST_ACCEPTABLE_FREEZE);
        }
    }

    private static boolean isTop(ReceivedVideo video) {
        return video.width() == SENT.width() && video.height() == SENT.height();
    }

    /** The customer's outbound video streams that are sending, as rid to frame width. */
    private static Map<String, Integer> layersSent(WebRtcPeer peer) {
        Map<String, Integer> layers = new TreeMap<>();
        for (RTCStats stats : peer.stats().getStats().values()) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(values.get("kind"))
                    && values.get("frameWidth") instanceof Number width) {
                layers.put(String.valueOf(values.getOrDefault("rid", "-")), width.intValue());
            }
        }
        return layers;
    }
}
