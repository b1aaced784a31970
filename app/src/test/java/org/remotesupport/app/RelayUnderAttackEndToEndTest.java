package org.remotesupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.testsupport.DemoLogin;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.ReceivedVideo;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.media.DropReason;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayStats;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The relay's one port takes garbage, truncated STUN, checks with a wrong password, DTLS and RTP
 * from an address no check has proven, and RTP from an endpoint that never did DTLS, while a real
 * session (libwebrtc peers, VP8) runs beside it: the relay stays up, counts each drop by reason,
 * and the agent keeps decoding the customer's video.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class RelayUnderAttackEndToEndTest {

    private static final Duration NEGOTIATION = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @Autowired
    private MediaRelay relay;

    private final SecureRandom random = new SecureRandom();

    @Test
    void sessionKeepsItsVideoWhileThePortIsFedGarbage() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(VideoFormat.VGA_30));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket halfway = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {

            agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer");
            customerSignaling.joinSession();
            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, session.sessionId(), NEGOTIATION);
                 MediaNegotiation customerMedia = MediaNegotiation.start(customerSignaling, customer, session.sessionId(), NEGOTIATION)) {
                ReceivedVideo beforeAttack = agent.awaitVideoFrames(30, Duration.ofSeconds(15));
                assertThat(beforeAttack.frames()).as("video flows before the attack").isGreaterThanOrEqualTo(30);
                RelayStats before = relay.stats();
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", relay.localAddress().getPort());

                for (int i = 0; i < 200; i++) {
                    byte[] garbage = new byte[1 + random.nextInt(1400)];
                    random.nextBytes(garbage);
                    // keep the first byte out of the STUN, DTLS and RTP ranges so each datagram is plain garbage
                    garbage[0] = (byte) (64 + random.nextInt(64));
                    send(attacker, garbage, target);
                }
                byte[] truncatedStun = new byte[24];
                truncatedStun[1] = 0x01;
                truncatedStun[3] = (byte) 200; // declares 200 bytes of attributes, carries 4
                truncatedStun[4] = 0x21;
                truncatedStun[5] = 0x12;
                truncatedStun[6] = (byte) 0xA4;
                truncatedStun[7] = 0x42;
                send(attacker, truncatedStun, target);
                send(attacker, bindingRequest("nobody:intruder", "a-password-nobody-has-here"), target);
                byte[] clientHello = new byte[120];
                random.nextBytes(clientHello);
                clientHello[0] = 22;
                send(attacker, clientHello, target);
                byte[] rtp = new byte[300];
                random.nextBytes(rtp);
                rtp[0] = (byte) 0x80;
                rtp[1] = 96;
                send(attacker, rtp, target);

                // an endpoint that proves its address with a valid check, then sends RTP without DTLS
                RelayOffer offer = relay.allocate("attack-" + random.nextInt(1 << 30), "halfway-" + random.nextInt(1 << 30));
                String relayUfrag = attribute(offer.sdp(), "a=ice-ufrag:");
                String relayPassword = attribute(offer.sdp(), "a=ice-pwd:");
                send(halfway, bindingRequest(relayUfrag + ":half", relayPassword), target);
                awaitTrue(() -> {
                    send(halfway, rtp, target);
                    return relay.stats().dropped(DropReason.NO_DTLS_YET) > before.dropped(DropReason.NO_DTLS_YET);
                }, Duration.ofSeconds(10));
                relay.release(offer.endpointId());

                ReceivedVideo afterAttack = agent.awaitVideoFrames(beforeAttack.frames() + 60, Duration.ofSeconds(15));
                RelayStats after = relay.stats();
                System.out.printf("under attack: agent decoded %d more frames at %dx%d; relay drops during the attack %s%n",
                        afterAttack.frames() - beforeAttack.frames(), afterAttack.width(), afterAttack.height(),
                        delta(before, after));

                assertThat(afterAttack.frames() - beforeAttack.frames())
                        .as("frames decoded after the attack began").isGreaterThanOrEqualTo(60);
                assertThat(after.forwarded()).isGreaterThan(before.forwarded());
                assertThat(after.dropped(DropReason.MALFORMED) - before.dropped(DropReason.MALFORMED))
                        .as("garbage and truncated STUN").isGreaterThanOrEqualTo(201);
                assertThat(after.dropped(DropReason.ICE_AUTH_FAILED) - before.dropped(DropReason.ICE_AUTH_FAILED)).isPositive();
                assertThat(after.dropped(DropReason.UNKNOWN_SOURCE) - before.dropped(DropReason.UNKNOWN_SOURCE))
                        .as("DTLS and RTP from an unproven address").isGreaterThanOrEqualTo(2);
                assertThat(after.dropped(DropReason.NO_DTLS_YET) - before.dropped(DropReason.NO_DTLS_YET)).isPositive();
                assertThat(after.dropped(DropReason.INTERNAL)).as("no exception escaped").isEqualTo(before.dropped(DropReason.INTERNAL));
                assertThat(after.dropped(DropReason.SRTP_AUTH_FAILED)).isEqualTo(before.dropped(DropReason.SRTP_AUTH_FAILED));
                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
            }
        }
    }

    private byte[] bindingRequest(String username, String password) {
        try {
            StunStack credentials = new StunStack();
            credentials.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
                @Override
                public byte[] getLocalKey(String user) {
                    return null;
                }

                @Override
                public byte[] getRemoteKey(String user, String media) {
                    return password.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public boolean checkLocalUserName(String user) {
                    return false;
                }
            });
            Request request = MessageFactory.createBindingRequest(random.nextInt() & 0x7fffffffL, true, random.nextLong());
            byte[] transactionId = new byte[12];
            random.nextBytes(transactionId);
            request.setTransactionID(transactionId);
            request.putAttribute(AttributeFactory.createUsernameAttribute(username));
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
            request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            request.putAttribute(AttributeFactory.createFingerprintAttribute());
            return request.encode(credentials);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attribute(String sdp, String prefix) {
        return sdp.lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    private static void send(DatagramSocket socket, byte[] data, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50); // polling interval of a deadline-bounded wait
        }
    }

    private static String delta(RelayStats before, RelayStats after) {
        StringBuilder out = new StringBuilder("{");
        for (DropReason reason : DropReason.values()) {
            long count = after.dropped(reason) - before.dropped(reason);
            if (count != 0) {
                out.append(out.length() > 1 ? ", " : "").append(reason).append('=').append(count);
            }
        }
        return out.append('}').toString();
    }
}
