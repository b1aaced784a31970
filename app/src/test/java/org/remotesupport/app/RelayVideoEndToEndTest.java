package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.DemoLogin;
import org.remotesupport.app.testsupport.InboundVideoStats;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayStats;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real encoded video through the embedded relay: an agent and a customer, each a libwebrtc peer,
 * meet in one session over {@code /ws}; the customer sends generated VP8 video and audio, the agent
 * decodes it, and the relay's counters show it forwarded the packets and failed no SRTP check.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// the same context configuration as the other application tests, so they share one started server
@AutoConfigureObservability(tracing = false)
class RelayVideoEndToEndTest {

    private static final VideoFormat SENT = VideoFormat.VGA_30;
    private static final int FRAMES = 60;
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final Duration STEADY = Duration.ofSeconds(5);
    private static final Duration NEGOTIATION = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @Autowired
    private MediaRelay relay;

    @Test
    void agentDecodesTheCustomersVideoThroughTheRelay() throws InterruptedException {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        // the context may be shared with other tests, so the relay's counters are compared, not read
        RelayStats before = relay.stats();
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(SENT))) {

            agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer");
            customerSignaling.joinSession();

            String sessionId = session.sessionId();
            long start = System.nanoTime();
            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia =
                         MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION)) {

                ReceivedVideo received = agent.awaitVideoFrames(FRAMES, WITHIN.minusNanos(System.nanoTime() - start));
                double seconds = (System.nanoTime() - start) / 1e9;
                long sent = customer.videoFramesSent();
                // a start-up backlog can arrive as a burst; the steady rate is measured after it
                ReceivedVideo settled = agent.awaitVideoFrames(received.frames() + 2L * SENT.framesPerSecond(), STEADY);
                ReceivedVideo steady = agent.awaitVideoFrames(settled.frames() + SENT.framesPerSecond(), STEADY);
                List<InboundVideoStats> inbound = agent.inboundVideoStats();
                RelayStats after = relay.stats();
                System.out.printf("agent decoded %s within %.1f s of joining media"
                                + " (customer had sent %d frames of %s by then); then %.1f fps steady, at %dx%d%n",
                        received, seconds, sent, SENT,
                        steady.framesPerSecondSince(settled), steady.width(), steady.height());
                inbound.forEach(stats -> System.out.println("agent inbound video: " + stats));
                System.out.println("relay counters during the test: forwarded " + (after.forwarded() - before.forwarded())
                        + ", received " + (after.received() - before.received()) + ", dropped " + dropsDuring(before, after));

                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
                assertThat(received.frames())
                        .as("frames the agent decoded within %s (%s; inbound %s; customer connection %s)",
                                WITHIN, received, inbound, customer.connectionState())
                        .isGreaterThanOrEqualTo(FRAMES);
                assertThat(received.width()).isPositive();
                assertThat(received.height()).isPositive();
                assertThat(inbound).anySatisfy(stats -> {
                    assertThat(stats.codec()).isEqualToIgnoringCase("video/VP8");
                    assertThat(stats.framesDecoded()).isPositive();
                });
                assertThat(after.forwarded()).isGreaterThan(before.forwarded());
                assertThat(after.dropped(DropReason.SRTP_AUTH_FAILED))
                        .as("SRTP authentication failures during the test")
                        .isEqualTo(before.dropped(DropReason.SRTP_AUTH_FAILED));
            }
        }
    }

    private static String dropsDuring(RelayStats before, RelayStats after) {
        StringBuilder drops = new StringBuilder("{");
        for (DropReason reason : DropReason.values()) {
            long count = after.dropped(reason) - before.dropped(reason);
            if (count != 0) {
                drops.append(drops.length() > 1 ? ", " : "").append(reason).append('=').append(count);
            }
        }
        return drops.append('}').toString();
    }
}
