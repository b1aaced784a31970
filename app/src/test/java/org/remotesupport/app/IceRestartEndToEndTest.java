package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.PeerProcess;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.RelayNegotiation;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayConfig;
import org.remotesupport.media.RelayStats;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.testsupport.net.NetworkNamespace;

/**
 * A customer's phone moves from Wi-Fi to mobile data mid-call. The customer is a libwebrtc peer in
 * a process of its own inside a network namespace whose only way to the relay is a veth link (its
 * "Wi-Fi"); a second link (its "mobile data") comes up, then the first one loses its address, so
 * the customer's sockets on it stop working, and the customer restarts ICE as the page does when
 * the network changes. The agent is a libwebrtc peer in this JVM. The video must resume at the agent
 * on the same endpoints and the same DTLS sessions (no new handshake on the relay); the freeze the
 * agent sees, from the last frame before the move to the first after, is measured and printed (the
 * goal is under a second; the assertion is generous because the machine may be busy).
 */
class IceRestartEndToEndTest {

    private static final Duration LONGEST_ACCEPTABLE_GAP = Duration.ofSeconds(5);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(30);

    @Test
    void videoResumesOnTheNewNetworkWithoutANewDtlsHandshake() throws Exception {
        try (NetworkNamespace phone = NetworkNamespace.create();
             // bound to the advertised address, as a relay with one public address is: bound to 0.0.0.0 the
             // kernel would answer checks arriving over the second link from that link's own address
             MediaRelay relay = MediaRelay.start(new RelayConfig(phone.hostAddress(), 0, List.of(phone.hostAddress()),
                     Duration.ofSeconds(30), true), new SimpleMeterRegistry());
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.none());
             PeerProcess customer = PeerProcess.start(phone, "customer", VideoFormat.VGA_30);
             RelayNegotiation negotiation = new RelayNegotiation(relay)) {

            negotiation.join("s1", "agent", offer -> agent.applyOffer(offer.sdp(), offer.uplink()));
            negotiation.join("s1", "customer", offer -> customer.applyOffer(offer.sdp(), offer.uplink()));
            ReceivedVideo first = agent.awaitVideoFrames(30, Duration.ofSeconds(30));
            assertThat(first.frames()).as("agent decodes the customer's video on Wi-Fi (negotiation failures: %s)",
                    negotiation.failures).isGreaterThanOrEqualTo(30);

            // mobile data comes up next to the Wi-Fi, as on a phone; the video keeps going on the Wi-Fi
            String mobileAddress = phone.addSecondLink();
            ReceivedVideo beforeMove = agent.awaitVideoFrames(first.frames() + 60, Duration.ofSeconds(30));
            RelayStats before = relay.stats();
            assertThat(before.dtlsHandshakes()).as("DTLS handshakes before the move: one per endpoint").isEqualTo(2);

            agent.takeLongestFrameGap();
            long movedAt = System.nanoTime();
            phone.dropFirstLink();
            negotiation.restartIce("customer");
            ReceivedVideo resumed = agent.awaitVideoFrames(beforeMove.frames() + 30, RESUME_WITHIN);
            double resumedAfter = (System.nanoTime() - movedAt) / 1e9;
            Duration gap = agent.takeLongestFrameGap();
            RelayStats after = relay.stats();
            System.out.printf("network change: Wi-Fi %s dropped, mobile data %s; the agent decoded 30 frames after"
                            + " %.2f s; longest pause between decoded frames (the freeze) %d ms; relay: %d DTLS handshakes"
                            + " before and %d after, %d ICE restart(s), %d path change(s)%n",
                    phone.namespaceAddress(), mobileAddress, resumedAfter, gap.toMillis(), before.dtlsHandshakes(),
                    after.dtlsHandshakes(), after.iceRestarts(), after.pathChanges());

            System.out.println("relay counters: " + after);
            assertThat(negotiation.failures).isEmpty();
            assertThat(resumed.frames()).as("frames the agent decoded after the move").isGreaterThanOrEqualTo(beforeMove.frames() + 30);
            assertThat(gap).as("the freeze the agent saw").isLessThan(LONGEST_ACCEPTABLE_GAP);
            assertThat(after.dtlsHandshakes()).as("DTLS handshakes after the move: none new").isEqualTo(before.dtlsHandshakes());
            assertThat(after.iceRestarts()).isEqualTo(1);
            assertThat(after.pathChanges()).as("the customer's endpoint moved to its new address")
                    .isEqualTo(before.pathChanges() + 1);
            assertThat(after.endpoints()).as("the same two endpoints, none allocated again").isEqualTo(2);
            assertThat(relay.bandwidth()).containsOnlyKeys("agent", "customer");
            assertThat(negotiation.state("customer")).isEqualTo(RelayEvents.EndpointState.CONNECTED);
        }
    }
}
