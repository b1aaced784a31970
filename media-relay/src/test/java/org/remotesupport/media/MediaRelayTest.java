package org.remotesupport.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.media.rtp.Rtcp;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.srtp.SrtpProfile;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * The relay on a real loopback UDP port with lightweight endpoints that do what a browser does:
 * ICE checks, DTLS client handshake, SRTP. Asserts what the receiving side gets and what the relay counted.
 */
class MediaRelayTest {

    private MediaRelay relay;
    private final BlockingQueue<RelayOffer> offers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> states = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        relay = MediaRelay.start(new RelayConfig("127.0.0.1", 0, List.of("127.0.0.1"), Duration.ofSeconds(3), true),
                new SimpleMeterRegistry());
        relay.setEvents(new RelayEvents() {
            @Override
            public void offer(String endpointId, RelayOffer offer) {
                offers.add(offer);
            }

            @Override
            public void stateChanged(String endpointId, EndpointState state) {
                states.add(endpointId + ":" + state);
            }
        });
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** An agent that receives and a customer that publishes audio and video, both connected. */
    private LiteClient[] connectedPair(String session) throws Exception {
        return connectedPair(session, new LiteClient(), new LiteClient());
    }

    private LiteClient[] connectedPair(String session, LiteClient agent, LiteClient customer) throws Exception {
        RelayOffer agentOffer = relay.allocate(session, session + "-agent");
        relay.answer(agentOffer.endpointId(), agentOffer.revision(), agent.answer(agentOffer, false));
        RelayOffer customerOffer = relay.allocate(session, session + "-customer");
        assertThat(customerOffer.uplink()).containsEntry("audio", "0").containsEntry("video", "1");
        relay.answer(customerOffer.endpointId(), customerOffer.revision(), customer.answer(customerOffer, true));
        // the customer started publishing: the agent is offered the customer's two tracks
        RelayOffer reoffer = offers.poll(5, TimeUnit.SECONDS);
        assertThat(reoffer).isNotNull();
        assertThat(reoffer.endpointId()).isEqualTo(session + "-agent");
        assertThat(reoffer.revision()).isEqualTo(2);
        assertThat(reoffer.sdp()).contains("a=ssrc:" + customer.videoSsrc + " ", "a=ssrc:" + customer.audioSsrc + " ",
                "a=sendonly", "a=ice-lite", "a=setup:actpass", "a=group:BUNDLE 0 1 2 3");
        relay.answer(reoffer.endpointId(), reoffer.revision(), agent.answer(reoffer, false));
        agent.connect(Duration.ofSeconds(10));
        customer.connect(Duration.ofSeconds(10));
        // the client finishes DTLS a moment before the relay installs its keys; media flows from CONNECTED on
        awaitTrue(() -> states.contains(session + "-agent:CONNECTED") && states.contains(session + "-customer:CONNECTED"),
                "the relay reports both endpoints connected");
        return new LiteClient[] {agent, customer};
    }

    /** A VP8 packet of a simulcast layer: rid extension (id 5), picture id, and the layer's index as first payload byte after the VP8 header. */
    private static byte[] layerPacket(long ssrc, String rid, int sequence, long timestamp, int pictureId, boolean keyframeStart,
                                      int layer, int size) {
        byte[] p = new byte[Rtp.HEADER_LENGTH + 8 + size];
        p[0] = (byte) 0x90;
        p[1] = (byte) LiteClient.VP8_PT;
        Rtp.put16(p, 2, sequence & 0xffff);
        Rtp.put32(p, 4, timestamp & 0xffffffffL);
        Rtp.put32(p, 8, ssrc);
        Rtp.put16(p, 12, 0xbede);
        Rtp.put16(p, 14, 1);
        p[16] = 0x50; // id 5, one byte
        p[17] = (byte) rid.charAt(0);
        int at = Rtp.HEADER_LENGTH + 8;
        p[at] = (byte) (0x80 | (keyframeStart ? 0x10 : 0));
        p[at + 1] = (byte) 0x80;
        p[at + 2] = (byte) (0x80 | (pictureId >>> 8) & 0x7f);
        p[at + 3] = (byte) pictureId;
        p[at + 4] = (byte) (keyframeStart ? 0x00 : 0x01);
        p[at + 5] = (byte) layer;
        return p;
    }

    @Test
    void simulcastLayersReachTheAgentAsOneContinuousStreamOfTheTopLayer() throws Exception {
        LiteClient agent = new LiteClient();
        LiteClient customer = new LiteClient();
        customer.sendRids = List.of("q", "h", "f");
        try {
            RelayOffer agentOffer = relay.allocate("s9", "s9-agent");
            relay.answer(agentOffer.endpointId(), agentOffer.revision(), agent.answer(agentOffer, false));
            RelayOffer customerOffer = relay.allocate("s9", "s9-customer");
            assertThat(customerOffer.sdp()).contains("a=simulcast:recv q;h;f", "a=rid:f recv");
            relay.answer(customerOffer.endpointId(), customerOffer.revision(), customer.answer(customerOffer, true));
            RelayOffer reoffer = offers.poll(5, TimeUnit.SECONDS);
            assertThat(reoffer).isNotNull();
            relay.answer(reoffer.endpointId(), reoffer.revision(), agent.answer(reoffer, false));
            java.util.regex.Matcher ssrcs = java.util.regex.Pattern.compile("a=ssrc:(\\d+) msid:").matcher(reoffer.sdp());
            List<Long> offered = new java.util.ArrayList<>();
            while (ssrcs.find()) {
                offered.add(Long.parseLong(ssrcs.group(1)));
            }
            offered.remove(customer.audioSsrc);
            assertThat(offered).as("one video SSRC for the three layers").hasSize(1);
            long video = offered.get(0);
            agent.connect(Duration.ofSeconds(10));
            customer.connect(Duration.ofSeconds(10));
            awaitTrue(() -> states.contains("s9-agent:CONNECTED") && states.contains("s9-customer:CONNECTED"), "both connected");

            long[] layerSsrcs = {1001, 1002, 1003};
            String[] rids = {"q", "h", "f"};
            int[] sizes = {150, 500, 1100};
            int[] sequences = {100, 20_000, 65_500};
            long[] timestamps = {1_000, 5_000_000, 4_294_900_000L};
            int[] pictureIds = {10, 2000, 32_700};
            // 2 s of 25 fps on every layer, a keyframe every 10 frames, layers starting at different frames
            int lost = -1;
            for (int frame = 0; frame < 60; frame++) {
                if (frame == 50) {
                    // the agent's network loses one packet of the next frames, for the NACK below
                    List<Integer> sequencesSoFar = List.copyOf(agent.rtpSequencesReceived);
                    lost = (sequencesSoFar.get(sequencesSoFar.size() - 1) + 4) & 0xffff;
                    agent.loseOnce.add(lost);
                }
                for (int layer = 0; layer < 3; layer++) {
                    boolean key = (frame + 3 * layer) % 10 == 0;
                    for (int packet = 0; packet <= layer; packet++) {
                        customer.sendPlainRtp(layerPacket(layerSsrcs[layer], rids[layer], sequences[layer]++,
                                timestamps[layer], pictureIds[layer], key && packet == 0, layer, sizes[layer]));
                    }
                    timestamps[layer] += 3600;
                    pictureIds[layer] = (pictureIds[layer] + 1) & 0x7fff;
                }
                TimeUnit.MILLISECONDS.sleep(40); // paces the sender like a camera; the assertions wait by polling
            }
            awaitTrue(() -> agent.rtpPacketsReceived.stream().anyMatch(p -> p[Rtp.HEADER_LENGTH + 8 + 5] == 2),
                    "the agent, whose link is not limited, gets the top layer");
            List<byte[]> received = List.copyOf(agent.rtpPacketsReceived);
            assertThat(received).allMatch(p -> Rtp.ssrc(p, 0) == video);
            for (int i = 1; i < received.size(); i++) {
                int step = Rtp.sequence(received.get(i), 0) - Rtp.sequence(received.get(i - 1), 0);
                int expected = Rtp.sequence(received.get(i - 1), 0) == ((lost - 1) & 0xffff) ? 2 : 1;
                assertThat(step & 0xffff).as("sequence number step at packet %d (one packet lost)", i).isEqualTo(expected);
                long tsStep = (Rtp.timestamp(received.get(i), 0) - Rtp.timestamp(received.get(i - 1), 0)) & 0xffffffffL;
                assertThat(tsStep).as("timestamp step of packet %d", i).isLessThan(0x80000000L);
            }
            byte[] last = received.get(received.size() - 1);
            assertThat(last[Rtp.HEADER_LENGTH + 8 + 5]).as("the latest packet's layer").isEqualTo((byte) 2);
            int missing = lost;
            assertThat(received).noneMatch(p -> Rtp.sequence(p, 0) == missing);

            // a keyframe request for the one stream reaches the layer the agent gets
            byte[] pli = new byte[12];
            Rtcp.writePli(pli, 0, agent.audioSsrc, video);
            agent.sendRtcp(pli, pli.length);
            awaitTrue(() -> customer.rtcpReceived.stream().anyMatch(p -> Rtcp.packetType(p, 0) == Rtcp.PSFB
                    && Rtcp.countOrFormat(p, 0) == Rtcp.FMT_PLI && Rtp.u32(p, 8) == layerSsrcs[2]),
                    "the customer is asked for a keyframe of its top layer");

            // a NACK in the agent's numbers is answered with the top layer's packet, renumbered
            byte[] nack = new byte[16];
            nack[0] = (byte) (0x80 | Rtcp.FMT_NACK);
            nack[1] = (byte) Rtcp.RTPFB;
            Rtp.put16(nack, 2, 3);
            Rtp.put32(nack, 4, agent.audioSsrc);
            Rtp.put32(nack, 8, video);
            Rtp.put16(nack, 12, lost);
            agent.sendRtcp(nack, nack.length);
            awaitTrue(() -> agent.rtpSequencesReceived.contains(missing), "the lost packet is resent");
            byte[] resent = agent.rtpPacketsReceived.stream().filter(p -> Rtp.sequence(p, 0) == missing).findFirst().orElseThrow();
            assertThat(Rtp.ssrc(resent, 0)).isEqualTo(video);
            assertThat(resent[Rtp.HEADER_LENGTH + 8 + 5]).as("the resent packet's layer").isEqualTo((byte) 2);
            assertThat(relay.stats().nackAnswered()).isEqualTo(1);
        } finally {
            agent.close();
            customer.close();
        }
    }

    @Test
    void forwardsCustomerVideoAndAudioToTheAgent() throws Exception {
        LiteClient[] pair = connectedPair("s1");
        LiteClient agent = pair[0];
        LiteClient customer = pair[1];
        try {
            byte[] payload = new byte[1100];
            for (int i = 0; i < 200; i++) {
                customer.sendRtp(customer.videoSsrc, LiteClient.VP8_PT, i * 3000L, payload);
                if (i % 4 == 0) {
                    customer.sendRtp(customer.audioSsrc, LiteClient.AUDIO_PT, i * 960L, new byte[80]);
                }
            }
            awaitTrue(() -> agent.rtpReceived(customer.videoSsrc) >= 190 && agent.rtpReceived(customer.audioSsrc) >= 45,
                    "agent receives the customer's video and audio");
            RelayStats stats = relay.stats();
            assertThat(stats.forwarded()).isGreaterThanOrEqualTo(235);
            assertThat(stats.dropped(DropReason.SRTP_AUTH_FAILED)).isZero();
            assertThat(stats.endpoints()).isEqualTo(2);
            assertThat(states).contains("s1-agent:CONNECTED", "s1-customer:CONNECTED");
        } finally {
            agent.close();
            customer.close();
        }
    }

    @Test
    void negotiatesBothSrtpProfilesPerEndpoint() throws Exception {
        LiteClient[] pair = connectedPair("s8", new LiteClient(SrtpProfile.AES_CM_128_HMAC_SHA1_80), new LiteClient());
        LiteClient agent = pair[0];
        LiteClient customer = pair[1];
        try {
            assertThat(agent.negotiatedProfile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
            assertThat(customer.negotiatedProfile()).as("GCM is preferred when offered").isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
            for (int i = 0; i < 30; i++) {
                customer.sendRtp(customer.videoSsrc, LiteClient.VP8_PT, i * 3000L, new byte[1000]);
            }
            awaitTrue(() -> agent.rtpReceived(customer.videoSsrc) >= 30, "GCM in, HMAC-SHA1 out");
            assertThat(relay.stats().dropped(DropReason.SRTP_AUTH_FAILED)).isZero();
        } finally {
            agent.close();
            customer.close();
        }
    }

    @Test
    void keyframeRequestsReachThePublisherAndNacksAreAnsweredFromTheCache() throws Exception {
        LiteClient[] pair = connectedPair("s2");
        LiteClient agent = pair[0];
        LiteClient customer = pair[1];
        try {
            int lost = (customer.nextSequence() + 5) & 0xffff;
            agent.loseOnce.add(lost);
            agent.loseOnce.add((lost + 1) & 0xffff);
            for (int i = 0; i < 20; i++) {
                customer.sendRtp(customer.videoSsrc, LiteClient.VP8_PT, i * 3000L, new byte[500]);
            }
            awaitTrue(() -> agent.rtpReceived(customer.videoSsrc) >= 18, "video reaches the agent");
            byte[] pli = new byte[12];
            Rtcp.writePli(pli, 0, agent.audioSsrc, customer.videoSsrc);
            agent.sendRtcp(pli, pli.length);
            awaitTrue(() -> customer.rtcpReceived.stream().anyMatch(p -> Rtcp.packetType(p, 0) == Rtcp.PSFB
                    && Rtcp.countOrFormat(p, 0) == Rtcp.FMT_PLI && Rtp.u32(p, 8) == customer.videoSsrc),
                    "the customer receives the PLI for its video");

            assertThat(agent.rtpSequencesReceived).doesNotContain(lost);
            byte[] nack = new byte[16];
            nack[0] = (byte) (0x80 | Rtcp.FMT_NACK);
            nack[1] = (byte) Rtcp.RTPFB;
            Rtp.put16(nack, 2, 3);
            Rtp.put32(nack, 4, agent.audioSsrc);
            Rtp.put32(nack, 8, customer.videoSsrc);
            Rtp.put16(nack, 12, lost);
            Rtp.put16(nack, 14, 0b1);
            agent.sendRtcp(nack, nack.length);
            awaitTrue(() -> agent.rtpSequencesReceived.contains(lost) && agent.rtpSequencesReceived.contains((lost + 1) & 0xffff),
                    "the two lost packets arrive from the relay's cache");
            assertThat(relay.stats().nackAnswered()).isEqualTo(2);

            // a packet the relay never got (lost on the customer's uplink): the NACK goes on to the customer
            int neverSent = (customer.nextSequence() + 40) & 0xffff;
            Rtp.put16(nack, 12, neverSent);
            Rtp.put16(nack, 14, 0);
            agent.sendRtcp(nack, nack.length);
            awaitTrue(() -> customer.rtcpReceived.stream().anyMatch(p -> Rtcp.packetType(p, 0) == Rtcp.RTPFB
                    && Rtcp.countOrFormat(p, 0) == Rtcp.FMT_NACK && Rtp.u32(p, 8) == customer.videoSsrc
                    && Rtp.u16(p, 12) == neverSent),
                    "the customer is asked for the packet the relay's cache lacks");

            awaitTrue(() -> customer.rtcpReceived.stream().anyMatch(p -> Rtcp.packetType(p, 0) == Rtcp.RR
                    && reportsOn(p, customer.videoSsrc)),
                    "the customer receives a receiver report about its video");
        } finally {
            agent.close();
            customer.close();
        }
    }

    @Test
    void survivesGarbageAndCountsEveryDropByReason() throws Exception {
        LiteClient[] pair = connectedPair("s3");
        LiteClient agent = pair[0];
        LiteClient customer = pair[1];
        LiteClient stranger = new LiteClient();
        LiteClient halfway = new LiteClient();
        try {
            // garbage, truncated STUN and DTLS/RTP from an address no check has proven
            stranger.answer(relay.allocate("other", "stranger"), false);
            stranger.sendRaw(new byte[] {(byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            stranger.sendRaw(new byte[] {0x00, 0x01, 0x00, 0x08, 0x21, 0x12});
            byte[] truncatedStun = new byte[24];
            truncatedStun[1] = 0x01;
            Rtp.put16(truncatedStun, 2, 200);
            Rtp.put32(truncatedStun, 4, 0x2112A442L);
            stranger.sendRaw(truncatedStun);
            stranger.sendRaw(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            byte[] rtp = new byte[100];
            rtp[0] = (byte) 0x80;
            rtp[1] = 96;
            stranger.sendRaw(rtp);
            // an endpoint that passed ICE but sends RTP before any DTLS
            RelayOffer offer = relay.allocate("s3", "halfway");
            relay.answer("halfway", offer.revision(), halfway.answer(offer, true));
            halfway.sendRaw(halfway.bindingRequest(new org.ice4j.stack.StunStack() {{
                getCredentialsManager().registerAuthority(new org.ice4j.security.CredentialsAuthority() {
                    public byte[] getLocalKey(String u) { return null; }
                    public byte[] getRemoteKey(String u, String m) { return "wrong-password-for-sure!!".getBytes(); }
                    public boolean checkLocalUserName(String u) { return false; }
                });
            }}, offer.sdp().split("a=ice-ufrag:")[1].split("\r\n")[0] + ":x", true));
            awaitTrue(() -> relay.stats().dropped(DropReason.ICE_AUTH_FAILED) >= 1, "a check with a wrong password is refused");
            // the correct check: ICE only, the client never starts DTLS
            String relayUfrag = offer.sdp().split("a=ice-ufrag:")[1].split("\r\n")[0];
            String relayPwd = offer.sdp().split("a=ice-pwd:")[1].split("\r\n")[0];
            halfway.sendRaw(halfway.bindingRequest(new org.ice4j.stack.StunStack() {{
                getCredentialsManager().registerAuthority(new org.ice4j.security.CredentialsAuthority() {
                    public byte[] getLocalKey(String u) { return null; }
                    public byte[] getRemoteKey(String u, String m) { return relayPwd.getBytes(); }
                    public boolean checkLocalUserName(String u) { return false; }
                });
            }}, relayUfrag + ":" + halfwayUfrag(offer, halfway), true));
            awaitTrue(() -> relay.stats().endpoints() == 4, "allocated");
            // give the check a moment to bind: poll by sending RTP until it is counted as "no DTLS yet"
            awaitTrue(() -> {
                try {
                    halfway.sendRaw(rtp);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return relay.stats().dropped(DropReason.NO_DTLS_YET) >= 1;
            }, "RTP before DTLS is dropped as such");

            for (int i = 0; i < 50; i++) {
                customer.sendRtp(customer.videoSsrc, LiteClient.VP8_PT, i * 3000L, new byte[800]);
            }
            awaitTrue(() -> agent.rtpReceived(customer.videoSsrc) >= 50, "the session keeps receiving video");
            RelayStats stats = relay.stats();
            assertThat(stats.dropped(DropReason.MALFORMED)).isGreaterThanOrEqualTo(3);
            assertThat(stats.dropped(DropReason.UNKNOWN_SOURCE)).isGreaterThanOrEqualTo(2);
            assertThat(stats.dropped(DropReason.NO_DTLS_YET)).isGreaterThanOrEqualTo(1);
            assertThat(stats.dropped(DropReason.ICE_AUTH_FAILED)).isGreaterThanOrEqualTo(1);
            assertThat(stats.dropped(DropReason.SRTP_AUTH_FAILED)).isZero();
            assertThat(stats.dropped(DropReason.INTERNAL)).isZero();
        } finally {
            agent.close();
            customer.close();
            stranger.close();
            halfway.close();
        }
    }

    @Test
    void tamperedSrtpIsCountedAsAnAuthenticationFailure() throws Exception {
        LiteClient[] pair = connectedPair("s4");
        LiteClient agent = pair[0];
        LiteClient customer = pair[1];
        try {
            // a valid-looking RTP header from the customer's proven address, with a forged tag
            byte[] forged = new byte[200];
            forged[0] = (byte) 0x80;
            forged[1] = 96;
            Rtp.put16(forged, 2, customer.nextSequence() + 10);
            Rtp.put32(forged, 8, customer.videoSsrc);
            customer.sendRaw(forged);
            awaitTrue(() -> relay.stats().dropped(DropReason.SRTP_AUTH_FAILED) == 1, "the forged packet is refused: " + relay.stats());
            assertThat(agent.rtpReceived(customer.videoSsrc)).isZero();
        } finally {
            agent.close();
            customer.close();
        }
    }

    @Test
    void endpointLosesItsAddressWhenConsentChecksStop() throws Exception {
        LiteClient[] pair = connectedPair("s5");
        try {
            pair[1].stopConsent();
            awaitTrue(() -> states.contains("s5-customer:DISCONNECTED"), "consent expires after 3 s of silence");
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void refusesBadControlCalls() throws Exception {
        RelayOffer offer = relay.allocate("s6", "a");
        assertThatThrownBy(() -> relay.allocate("s6", "a")).isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).reason()).isEqualTo(RelayException.Reason.ENDPOINT_EXISTS);
        assertThatThrownBy(() -> relay.answer("nobody", 1, "v=0")).isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).reason()).isEqualTo(RelayException.Reason.UNKNOWN_ENDPOINT);
        assertThatThrownBy(() -> relay.answer("a", 7, "v=0")).isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).reason()).isEqualTo(RelayException.Reason.STALE_REVISION);
        assertThatThrownBy(() -> relay.answer("a", offer.revision(), "not sdp at all")).isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).reason()).isEqualTo(RelayException.Reason.INVALID_SDP);
        // the endpoint survives bad answers and takes a good one
        try (LiteClient client = new LiteClient()) {
            relay.answer("a", offer.revision(), client.answer(offer, true));
        }
        assertThatThrownBy(() -> relay.allocate("s6", "bad id with spaces")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForeignDtlsCertificateIsRefused() throws Exception {
        LiteClient agent = new LiteClient();
        LiteClient impostor = new LiteClient();
        try {
            RelayOffer offer = relay.allocate("s7", "s7-agent");
            // the answer carries the agent's fingerprint, but the impostor's certificate does the handshake
            String answer = agent.answer(offer, false);
            impostor.answer(offer, false);
            relay.answer("s7-agent", offer.revision(), answer.replaceAll("(?m)^a=ice-ufrag:.*$", "a=ice-ufrag:" + impostorUfrag(impostor, offer))
                    .replaceAll("(?m)^a=ice-pwd:.*$", "a=ice-pwd:" + "clientpasswordxxxxxxxxxxxx"));
            assertThatThrownBy(() -> impostor.connect(Duration.ofSeconds(5))).isInstanceOf(Exception.class);
            awaitTrue(() -> states.contains("s7-agent:DISCONNECTED"), "the relay reports the failed handshake");
            assertThat(relay.stats().dropped(DropReason.DTLS_FAILED)).isGreaterThanOrEqualTo(1);
        } finally {
            agent.close();
            impostor.close();
        }
    }

    /** Whether a receiver report has a report block about the SSRC. */
    private static boolean reportsOn(byte[] rr, long ssrc) {
        for (int block = 0; block < Rtcp.countOrFormat(rr, 0); block++) {
            if (Rtp.u32(rr, 8 + 24 * block) == ssrc) {
                return true;
            }
        }
        return false;
    }

    private static String impostorUfrag(LiteClient client, RelayOffer offer) {
        String answer = client.answer(offer, false);
        return answer.split("a=ice-ufrag:")[1].split("\r\n")[0];
    }

    private static String halfwayUfrag(RelayOffer offer, LiteClient client) {
        return client.answer(offer, true).split("a=ice-ufrag:")[1].split("\r\n")[0];
    }

    private void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; relay counters: " + relay.stats());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
