package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.DemoLogin;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.AccessTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A customer whose WebSocket is cut in the middle of a session comes back with its resume token:
 * the session goes on and so does the media, which never depended on the WebSocket; the agent keeps
 * decoding the customer's video throughout. Cut again and not back within the grace period, the
 * customer is gone and the agent is told. The peers are libwebrtc (webrtc-java) through the
 * embedded relay; the grace period is shortened to keep the test quick.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.signaling.resume-grace=4s", "remote-support.matching.status-interval=200ms"})
@ActiveProfiles("loopback")
class ResumeEndToEndTest {

    private static final VideoFormat SENT = VideoFormat.VGA_30;
    private static final Duration NEGOTIATION = Duration.ofSeconds(15);
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final Duration REPLY = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @Autowired
    private MediaRelay relay;

    @Autowired
    private AccessTokens tokens;

    @Test
    void aCustomerCutOffMidSessionResumesAndTheVideoGoesOnThenPastTheGraceTheAgentIsTold() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(SENT))) {

            agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            agentSignaling.request(new ClientMessage.PresenceSet(agentSignaling.nextId(), "available", List.of("it"),
                    List.of("scooters"), 1, false), ServerMessage.PresenceState.class, REPLY);
            String customerToken = tokens.issueCustomer("Chiara", "resume-ticket", null).token();
            ServerMessage.Welcome welcome = customerSignaling.hello(customerToken, null);
            customerSignaling.request(new ClientMessage.QueueJoin(customerSignaling.nextId(), "it", "scooters",
                    "E-Scooter 2", "IT-4411", "the display stays dark"), ServerMessage.QueueStatus.class, REPLY);
            ServerMessage.Offer offer = agentSignaling.await(ServerMessage.Offer.class, REPLY);
            ServerMessage.SessionStarted started = agentSignaling.request(new ClientMessage.OfferAccept(
                    agentSignaling.nextId(), offer.offerId()), ServerMessage.SessionStarted.class, REPLY);
            customerSignaling.await(ServerMessage.SessionStarted.class, REPLY);
            String sessionId = started.sessionId();
            String customerId = welcome.participantId();

            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION)) {
                MediaNegotiation customerMedia = MediaNegotiation.start(customerSignaling, customer, sessionId,
                        NEGOTIATION);
                ReceivedVideo beforeCut = agent.awaitVideoFrames(30, WITHIN);

                // the customer's network drops: its WebSocket is gone, its libwebrtc peer is not
                customerMedia.close();
                customerSignaling.abort();
                assertThat(agentSignaling.await(ServerMessage.ParticipantState.class, REPLY))
                        .isEqualTo(new ServerMessage.ParticipantState(null, sessionId, customerId, "reconnecting"));
                ReceivedVideo whileAway = agent.awaitVideoFrames(beforeCut.frames() + SENT.framesPerSecond(), WITHIN);

                // it comes back within the grace period on a new WebSocket
                try (SignalingClient resumed = SignalingClient.connect(ws, "customer-resumed");
                     MediaNegotiation resumedMedia = MediaNegotiation.resume(resumed, customer, sessionId)) {
                    ServerMessage.Welcome back = resumed.resume(customerToken, welcome.resumeToken());
                    assertThat(back.resumed()).isTrue();
                    assertThat(back.participantId()).isEqualTo(customerId);
                    ServerMessage.SessionStarted state = resumed.await(ServerMessage.SessionStarted.class, REPLY);
                    assertThat(state.sessionId()).isEqualTo(sessionId);
                    assertThat(state.resumed()).isTrue();
                    assertThat(state.participants()).extracting(ServerMessage.Participant::name).contains("Chiara");
                    assertThat(agentSignaling.await(ServerMessage.ParticipantState.class, REPLY).state())
                            .isEqualTo("connected");

                    // the session and the media go on: the agent keeps decoding, no endpoint was re-made
                    ReceivedVideo afterResume = agent.awaitVideoFrames(whileAway.frames() + 2L * SENT.framesPerSecond(),
                            WITHIN);
                    System.out.printf("resume: agent decoded %d frames before the cut, %d while the customer was"
                            + " away, %d after it resumed%n", beforeCut.frames(),
                            whileAway.frames() - beforeCut.frames(), afterResume.frames() - whileAway.frames());
                    assertThat(afterResume.frames()).isGreaterThan(whileAway.frames());
                    assertThat(resumedMedia.failures()).isEmpty();
                    assertThat(agentMedia.failures()).isEmpty();
                    assertThat(relay.stats().endpoints()).as("endpoints on the relay").isGreaterThanOrEqualTo(2);

                    // cut again, and this time it stays away past the grace period
                    resumed.abort();
                    assertThat(agentSignaling.await(ServerMessage.ParticipantState.class, REPLY).state())
                            .isEqualTo("reconnecting");
                }
                assertThat(agentSignaling.await(ServerMessage.ParticipantLeft.class, REPLY).participantId())
                        .isEqualTo(customerId);
                assertThat(agentSignaling.await(ServerMessage.SessionEnded.class, REPLY))
                        .isEqualTo(new ServerMessage.SessionEnded(null, sessionId, "customer_disconnected"));
            }
        }
    }
}
