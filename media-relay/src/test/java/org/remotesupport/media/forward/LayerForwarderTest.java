package org.remotesupport.media.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.media.rtp.Rtp;
import org.remotesupport.media.rtp.VideoPayload;

class LayerForwarderTest {

    private static final long OUT = 0x11223344L;
    private static final long MS = 1_000_000L;

    /** A VP8 packet with a 15-bit picture id and TL0PICIDX; {@code keyStart} marks the first packet of a keyframe. */
    static byte[] vp8(long ssrc, int seq, long ts, int pictureId, int tl0, boolean frameStart, boolean key) {
        byte[] p = new byte[12 + 5 + 20];
        p[0] = (byte) 0x80;
        p[1] = 96;
        Rtp.put16(p, 2, seq & 0xffff);
        Rtp.put32(p, 4, ts & 0xffffffffL);
        Rtp.put32(p, 8, ssrc);
        p[12] = (byte) (0x80 | (frameStart ? 0x10 : 0)); // X, S, partition 0
        p[13] = (byte) 0xc0; // I, L
        p[14] = (byte) (0x80 | (pictureId >>> 8) & 0x7f);
        p[15] = (byte) pictureId;
        p[16] = (byte) tl0;
        p[17] = (byte) (key ? 0x00 : 0x01); // VP8 payload header: P = 0 for a keyframe
        return p;
    }

    /** Packets of one layer: frames of {@code perFrame} packets, the first frame a keyframe if asked. */
    static final class Layer {
        final long ssrc;
        int seq;
        long ts;
        int pictureId;
        int tl0;

        Layer(long ssrc, int seq, long ts, int pictureId, int tl0) {
            this.ssrc = ssrc;
            this.seq = seq;
            this.ts = ts;
            this.pictureId = pictureId;
            this.tl0 = tl0;
        }

        List<byte[]> frame(boolean key, int perFrame) {
            List<byte[]> packets = new ArrayList<>();
            for (int i = 0; i < perFrame; i++) {
                packets.add(vp8(ssrc, seq++, ts, pictureId, tl0, i == 0, key));
            }
            ts += 3000;
            pictureId = (pictureId + 1) & 0x7fff;
            tl0 = (tl0 + 1) & 0xff;
            return packets;
        }
    }

    private final List<byte[]> sent = new ArrayList<>();

    private void offer(LayerForwarder forwarder, int layer, List<byte[]> packets, long now) {
        for (byte[] packet : packets) {
            byte[] copy = packet.clone();
            if (forwarder.forward(layer, copy, 0, copy.length, now)) {
                sent.add(copy);
            }
        }
    }

    private static int pictureId(byte[] p) {
        return VideoPayload.vp8PictureId(p, VideoPayload.vp8PictureIdAt(p, 0, p.length));
    }

    private static int tl0(byte[] p) {
        return p[VideoPayload.vp8Tl0PicIdxAt(p, 0, p.length)] & 0xff;
    }

    private void assertContinuous() {
        for (int i = 1; i < sent.size(); i++) {
            byte[] a = sent.get(i - 1);
            byte[] b = sent.get(i);
            assertEquals((Rtp.sequence(a, 0) + 1) & 0xffff, Rtp.sequence(b, 0), "no gap in sequence numbers at " + i);
            long step = (Rtp.timestamp(b, 0) - Rtp.timestamp(a, 0)) & 0xffffffffL;
            assertTrue(step < 0x80000000L, "timestamps never go back at " + i);
            int pidStep = (pictureId(b) - pictureId(a)) & 0x7fff;
            assertTrue(pidStep == 0 && step == 0 || pidStep == 1 && step > 0, "picture id +1 per frame at " + i);
            assertEquals(OUT, Rtp.ssrc(b, 0));
        }
    }

    @Test
    void switchesLayersOnlyAtAKeyframeAndTheReceiverSeesOneContinuousStream() {
        LayerForwarder forwarder = new LayerForwarder(OUT, true, false);
        Layer high = new Layer(1000, 65530, 4_294_960_000L, 32760, 250); // wraps soon
        Layer low = new Layer(2000, 100, 12345, 7, 3);
        forwarder.target(1, 0);
        long now = 0;
        offer(forwarder, 1, high.frame(true, 3), now);
        for (int f = 0; f < 5; f++) {
            now += 33 * MS;
            offer(forwarder, 1, high.frame(false, 2), now);
            offer(forwarder, 0, low.frame(false, 1), now);
        }
        int beforeSwitch = sent.size();
        assertEquals(13, beforeSwitch, "only the target layer went out");

        forwarder.target(0, now);
        now += 33 * MS;
        offer(forwarder, 0, low.frame(false, 1), now); // not a keyframe: waits
        offer(forwarder, 1, high.frame(false, 2), now); // the old layer goes on meanwhile
        assertEquals(beforeSwitch + 2, sent.size());
        assertEquals(1, forwarder.current());
        now += 33 * MS;
        offer(forwarder, 0, low.frame(true, 2), now);
        assertEquals(0, forwarder.current());
        offer(forwarder, 1, high.frame(false, 2), now); // now dropped
        for (int f = 0; f < 3; f++) {
            now += 33 * MS;
            offer(forwarder, 0, low.frame(false, 1), now);
        }
        assertEquals(beforeSwitch + 2 + 2 + 3, sent.size());
        assertEquals(1, forwarder.switches());
        assertContinuous();
        // TL0PICIDX continues too, across the 8-bit wrap of the first layer
        for (int i = 1; i < sent.size(); i++) {
            int step = (tl0(sent.get(i)) - tl0(sent.get(i - 1))) & 0xff;
            assertTrue(step == 0 || step == 1, "TL0PICIDX steps by one at " + i);
        }
    }

    @Test
    void aNackForAPacketSentBeforeTheSwitchFindsTheOldLayer() {
        LayerForwarder forwarder = new LayerForwarder(OUT, true, false);
        Layer high = new Layer(1000, 500, 90_000, 100, 0);
        Layer low = new Layer(2000, 40_000, 5_000_000, 9000, 0);
        forwarder.target(1, 0);
        List<byte[]> highPackets = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            List<byte[]> frame = high.frame(f == 0, 2);
            highPackets.addAll(frame);
            offer(forwarder, 1, frame, f * 33 * MS);
        }
        forwarder.target(0, 200 * MS);
        List<byte[]> lowPackets = new ArrayList<>(low.frame(true, 2));
        lowPackets.addAll(low.frame(false, 2));
        offer(forwarder, 0, lowPackets, 233 * MS);
        assertEquals(12, sent.size());

        for (int i = 0; i < sent.size(); i++) {
            byte[] out = sent.get(i);
            int segment = forwarder.segmentFor(Rtp.sequence(out, 0));
            assertTrue(segment >= 0);
            boolean fromHigh = i < 8;
            assertEquals(fromHigh ? 1 : 0, forwarder.layerOf(segment));
            byte[] source = fromHigh ? highPackets.get(i) : lowPackets.get(i - 8);
            assertEquals(Rtp.sequence(source, 0), forwarder.sourceSequence(segment, Rtp.sequence(out, 0)));
            // the resent copy is the packet the subscriber missed, byte for byte
            byte[] resent = source.clone();
            forwarder.rewriteRetransmission(segment, resent, 0, resent.length);
            assertTrue(java.util.Arrays.equals(out, resent), "retransmission " + i + " equals the original");
        }
        int next = (Rtp.sequence(sent.get(11), 0) + 1) & 0xffff;
        assertEquals(0, forwarder.layerOf(forwarder.segmentFor(next)), "not sent yet (lost upstream): the current layer's");
        assertEquals(-1, forwarder.segmentFor((Rtp.sequence(sent.get(0), 0) - 1) & 0xffff), "before the first packet");
    }

    @Test
    void senderReportTimestampsAreTranslatedForTheForwardedLayerOnly() {
        LayerForwarder forwarder = new LayerForwarder(OUT, true, false);
        Layer high = new Layer(1000, 1, 1000, 1, 0);
        Layer low = new Layer(2000, 1, 777_777, 1, 0);
        forwarder.target(1, 0);
        offer(forwarder, 1, high.frame(true, 1), 0);
        forwarder.target(0, MS);
        offer(forwarder, 0, low.frame(true, 1), 40 * MS);
        byte[] last = sent.get(sent.size() - 1);
        assertEquals(-1, forwarder.outputTimestamp(1, 1000));
        assertEquals(Rtp.timestamp(last, 0), forwarder.outputTimestamp(0, 777_777));
        // 40 ms of wall time between the two layers' frames: 3600 ticks at 90 kHz
        assertEquals(3600, Rtp.timestamp(last, 0) - Rtp.timestamp(sent.get(0), 0));
    }

    @Test
    void aSingleStreamTooBigForTheLinkIsHeldBackAndResumesAtAKeyframeWithoutAGap() {
        LayerForwarder forwarder = new LayerForwarder(OUT, true, false);
        Layer only = new Layer(OUT, 10, 0, 0, 0);
        forwarder.target(0, 0);
        long now = 0;
        long[] rates = {2_000_000};
        offer(forwarder, 0, only.frame(true, 2), now);
        assertEquals(0, forwarder.choose(rates, 1, 0, false, 0, now), "no estimate: forward");
        assertEquals(0, forwarder.choose(rates, 1, 1_500_000, true, 0, now), "a little over the estimate: forward");
        int wanted = forwarder.choose(rates, 1, 400_000, true, 0, now);
        assertEquals(LayerForwarder.NONE, wanted, "five times the estimate: hold back");
        forwarder.target(wanted, now);
        int sentBefore = sent.size();
        for (int f = 0; f < 10; f++) {
            now += 33 * MS;
            offer(forwarder, 0, only.frame(false, 2), now);
        }
        assertEquals(sentBefore, sent.size(), "nothing goes out while held back");
        rates[0] = 450_000; // the publisher slowed down under the relay's REMB
        assertEquals(LayerForwarder.NONE, forwarder.choose(rates, 1, 400_000, true, 0, now - 500 * MS),
                "held back at least a second");
        assertEquals(0, forwarder.choose(rates, 1, 400_000, true, 0, now + 700 * MS));
        forwarder.target(0, now);
        assertTrue(forwarder.switchPending());
        now += 33 * MS;
        offer(forwarder, 0, only.frame(false, 2), now);
        assertEquals(sentBefore, sent.size(), "resumes at a keyframe only");
        offer(forwarder, 0, only.frame(true, 2), now);
        assertEquals(sentBefore + 2, sent.size());
        assertContinuous();
    }

    @Test
    void aCappedSubscriberMovesDownWhileAnUncappedOneKeepsTheTopLayer() {
        long[] rates = {150_000, 500_000, 1_800_000};
        LayerForwarder capped = new LayerForwarder(OUT, true, false);
        LayerForwarder uncapped = new LayerForwarder(OUT, true, false);
        capped.target(2, 0);
        uncapped.target(2, 0);
        // not limiting: estimate is only "twice what arrived"
        assertEquals(2, uncapped.choose(rates, 3, 3_800_000, false, 0, 0));
        // a spurious congestion signal on the uncapped link: 85 % of what it delivered
        assertEquals(2, uncapped.choose(rates, 3, 1_530_000, true, 0, 0));
        // 300 kbit/s link: the estimate falls to about 85 % of it
        int wanted = capped.choose(rates, 3, 255_000, true, 0, 0);
        assertEquals(0, wanted, "only the lowest layer fits 255 kbit/s");
        capped.target(wanted, 0);
        assertEquals(1, capped.choose(rates, 3, 700_000, true, 0, MS), "a limited link climbs once the estimate allows");
        LayerForwarder falling = new LayerForwarder(OUT, true, false);
        falling.target(2, 0);
        assertEquals(0, falling.choose(rates, 3, 800_000, true, 400_000, 0),
                "the estimate lags a falling link: what it delivered decides how far down");
        capped.target(0, MS);
        // the link stops being the limit (calm for a while): climb one layer, not straight to the top
        assertEquals(0, capped.choose(rates, 3, 500_000, false, 0, 2 * MS), "held after a fall");
        assertEquals(1, capped.choose(rates, 3, 500_000, false, 0, 6_000 * MS));
        // the top layer stops (the publisher's uplink dropped it): the next one down takes over
        rates[2] = 0;
        assertEquals(1, uncapped.choose(rates, 3, 3_800_000, false, 0, 0));
    }
}
