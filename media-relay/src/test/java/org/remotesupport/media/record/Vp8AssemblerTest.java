package org.remotesupport.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Frames rebuilt from RTP payloads, and what a lost packet costs: every frame up to the next keyframe. */
class Vp8AssemblerTest {

    private final Vp8Assembler assembler = new Vp8Assembler();

    @Test
    void aKeyframeInTwoPacketsComesOutWholeWithoutItsDescriptors() {
        byte[] key = keyframe(320, 240);
        assertThat(push(1, 9000, false, true, slice(key, 0, 6))).isEqualTo(Vp8Assembler.Outcome.PENDING);
        assertThat(push(2, 9000, true, false, slice(key, 6, key.length))).isEqualTo(Vp8Assembler.Outcome.FRAME);
        assertThat(assembler.frame()).containsExactly(key);
        assertThat(assembler.frameIsKey()).isTrue();
        assertThat(Vp8Assembler.dimensions(assembler.frame())).containsExactly(320, 240);
    }

    @Test
    void afterALostPacketDeltaFramesAreSkippedUntilTheNextKeyframe() {
        push(1, 0, true, true, keyframe(320, 240));
        assertThat(push(2, 3000, true, true, delta())).isEqualTo(Vp8Assembler.Outcome.FRAME);
        // packet 3 is lost: its frame and the next delta frame would decode against a missing reference
        assertThat(push(4, 6000, true, false, delta())).isEqualTo(Vp8Assembler.Outcome.GAP);
        assertThat(assembler.waitingForKeyframe()).isTrue();
        assertThat(push(5, 9000, true, true, delta())).isEqualTo(Vp8Assembler.Outcome.SKIPPED);
        assertThat(push(6, 12000, true, true, keyframe(640, 480))).isEqualTo(Vp8Assembler.Outcome.FRAME);
        assertThat(assembler.frameIsKey()).isTrue();
        assertThat(Vp8Assembler.dimensions(assembler.frame())).containsExactly(640, 480);
        assertThat(push(7, 15000, true, true, delta())).isEqualTo(Vp8Assembler.Outcome.FRAME);
    }

    @Test
    void aPacketOlderThanTheLastOneIsLate() {
        push(10, 0, true, true, keyframe(320, 240));
        assertThat(push(9, 0, true, true, delta())).isEqualTo(Vp8Assembler.Outcome.LATE);
        assertThat(push(10, 0, true, true, delta())).isEqualTo(Vp8Assembler.Outcome.LATE);
    }

    @Test
    void descriptorsWithPictureIdTl0AndKeyIndexAreSkipped() {
        // X=1, S=1; I, L, T set; 15-bit picture id; TL0PICIDX; TID/KEYIDX byte
        byte[] payload = {(byte) 0x90, (byte) 0xe0, (byte) 0x80, 0x01, 0x05, 0x20, 0x42};
        assertThat(Vp8Assembler.descriptorLength(payload, 0, payload.length)).isEqualTo(6);
        assertThat(Vp8Assembler.descriptorLength(new byte[] {(byte) 0x90, (byte) 0x80}, 0, 2)).isEqualTo(-1);
    }

    private Vp8Assembler.Outcome push(int sequence, long timestamp, boolean marker, boolean start, byte[] frame) {
        // the simplest descriptor: one byte, S set on the frame's first packet, partition 0
        byte[] payload = new byte[frame.length + 1];
        payload[0] = (byte) (start ? 0x10 : 0x00);
        System.arraycopy(frame, 0, payload, 1, frame.length);
        return assembler.push(sequence, timestamp, marker, payload, 0, payload.length);
    }

    private static byte[] keyframe(int width, int height) {
        // frame tag with P=0 (key), start code, 14-bit width and height
        return new byte[] {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) width, (byte) (width >> 8),
                (byte) height, (byte) (height >> 8), 0x11, 0x22};
    }

    private static byte[] delta() {
        return new byte[] {0x31, 0x01, 0x00, 0x33, 0x44};
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }
}
