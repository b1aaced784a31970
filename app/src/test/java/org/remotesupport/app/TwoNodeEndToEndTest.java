package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayConfig;
import org.remotesupport.media.RelayStats;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.testsupport.redis.RedisServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two signaling nodes share one Redis and one relay, as behind a load balancer: the customer's
 * WebSocket is on node A, the agent's on node B. The customer joins the queue on A, the agent made
 * itself available on B; the matching engine (working on the shared presence and queue) rings the
 * agent, who accepts; each then negotiates media with the relay through its own node, and the agent
 * decodes the customer's VP8 video. The relay reports to one listener (node B's, registered
 * last), which routes each event to the node that owns the endpoint over Redis pub/sub; every
 * message between the two participants crosses the nodes the same way.
 */
class TwoNodeEndToEndTest {

    private static final VideoFormat SENT = VideoFormat.VGA_30;
    private static final int FRAMES = 60;
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Duration NEGOTIATION = Duration.ofSeconds(15);

    private static final String TOKEN_SECRET = "two-node-test-secret-of-at-least-32-bytes";

    private static RedisServer redis;
    private static MediaRelay relay;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() {
        // a server of its own: the nodes' keys and channels are this test's alone
        redis = RedisServer.start();
        relay = MediaRelay.start(RelayConfig.loopback(), new SimpleMeterRegistry());
        nodeA = startNode("node-a");
        nodeB = startNode("node-b");
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static ConfigurableApplicationContext startNode(String nodeId) {
        return new SpringApplicationBuilder(RemoteSupportApplication.class)
                .profiles("loopback")
                .initializers(context -> context.getBeanFactory().registerSingleton("mediaRelay", relay))
                // arguments, which take precedence over the application's own configuration file
                .run("--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--remote-support.https.enabled=false",
                        "--remote-support.redis.uri=" + redis.uri(),
                        // tokens signed on one node are good on the other
                        "--remote-support.identity.token-secret=" + TOKEN_SECRET,
                        "--remote-support.cluster.node-id=" + nodeId,
                        "--remote-support.cluster.heartbeat-interval=1s",
                        "--remote-support.cluster.node-timeout=3s");
    }

    private static URI ws(ConfigurableApplicationContext node) {
        return URI.create("ws://127.0.0.1:" + ((ServletWebServerApplicationContext) node).getWebServer().getPort() + "/ws");
    }

    @Test
    void aCustomerOnNodeAAndAnAgentOnNodeBMeetAndTheAgentSeesTheVideo() throws InterruptedException {
        RelayStats before = relay.stats();
        try (SignalingClient customerSignaling = SignalingClient.connect(ws(nodeA), "customer");
             SignalingClient agentSignaling = SignalingClient.connect(ws(nodeB), "agent");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(SENT))) {

            // the agent signs in on node B; the customer's token, for a ticket of its own, comes from node A
            ServerMessage.Welcome agentWelcome = agentSignaling.hello(nodeB.getBean(AccessTokens.class).issue(
                    new Account("agent-b", "Agent on B", "unused", AccountRole.AGENT, List.of("es"), List.of()))
                    .token(), null);
            ServerMessage.Welcome customerWelcome = customerSignaling.hello(nodeA.getBean(AccessTokens.class)
                    .issueCustomer("Customer on A", "two-node-ticket", null).token(), null);
            ParticipantDirectory directory = nodeA.getBean(ParticipantDirectory.class);
            assertThat(directory.nodeOf(customerWelcome.participantId())).contains("node-a");
            assertThat(directory.nodeOf(agentWelcome.participantId())).contains("node-b");

            // the agent on node B becomes available; the customer on node A asks for help in its language
            agentSignaling.request(new ClientMessage.PresenceSet(agentSignaling.nextId(), "available", List.of("es"),
                    List.of("coffee-machines"), 1, false), ServerMessage.PresenceState.class, Duration.ofSeconds(10));
            ServerMessage.QueueStatus waiting = customerSignaling.request(new ClientMessage.QueueJoin(
                            customerSignaling.nextId(), "es", "coffee-machines", "Barista 3000", "ORD-7",
                            "the pump makes noise"),
                    ServerMessage.QueueStatus.class, Duration.ofSeconds(10));

            // whichever node's matching engine found the pair, the offer rings at the agent on node B
            ServerMessage.Offer offer = agentSignaling.await(ServerMessage.Offer.class, Duration.ofSeconds(15));
            assertThat(offer.ticketId()).isEqualTo(waiting.ticketId());
            agentSignaling.send(new ClientMessage.OfferAccept(agentSignaling.nextId(), offer.offerId()));
            ServerMessage.SessionStarted agentStarted =
                    agentSignaling.await(ServerMessage.SessionStarted.class, Duration.ofSeconds(10));
            ServerMessage.SessionStarted customerStarted =
                    customerSignaling.await(ServerMessage.SessionStarted.class, Duration.ofSeconds(10));
            assertThat(customerStarted.sessionId()).isEqualTo(agentStarted.sessionId());
            assertThat(customerStarted.participants()).extracting(ServerMessage.Participant::name)
                    .containsExactly("Agent on B", "Customer on A");
            String sessionId = agentStarted.sessionId();

            long start = System.nanoTime();
            try (MediaNegotiation agentMedia =
                         MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia =
                         MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION)) {

                ReceivedVideo received = agent.awaitVideoFrames(FRAMES, WITHIN);
                double seconds = (System.nanoTime() - start) / 1e9;
                RelayStats after = relay.stats();
                System.out.printf("two nodes: agent on node B decoded %s within %.1f s of joining media;"
                                + " relay forwarded %d packets%n", received, seconds,
                        after.forwarded() - before.forwarded());

                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
                assertThat(received.frames())
                        .as("frames the agent decoded within %s (%s; customer connection %s)",
                                WITHIN, received, customer.connectionState())
                        .isGreaterThanOrEqualTo(FRAMES);
                assertThat(received.width()).isPositive();
                assertThat(after.forwarded()).isGreaterThan(before.forwarded());
                assertThat(after.dropped(DropReason.SRTP_AUTH_FAILED)).isEqualTo(before.dropped(DropReason.SRTP_AUTH_FAILED));
                // the relay's media state events reached each participant through its own node
                assertThat(customerSignaling.await(ServerMessage.MediaState.class,
                        s -> s.participantId().equals(agentWelcome.participantId()) && s.state().equals("connected"),
                        Duration.ofSeconds(10))).isNotNull();
                assertThat(agentSignaling.await(ServerMessage.MediaState.class,
                        s -> s.participantId().equals(customerWelcome.participantId()) && s.state().equals("connected"),
                        Duration.ofSeconds(10))).isNotNull();
            }

            agentSignaling.send(new ClientMessage.SessionLeave(agentSignaling.nextId(), sessionId));
            assertThat(customerSignaling.await(ServerMessage.SessionEnded.class, Duration.ofSeconds(10)).reason())
                    .isEqualTo("agent_left");
        }
    }
}
