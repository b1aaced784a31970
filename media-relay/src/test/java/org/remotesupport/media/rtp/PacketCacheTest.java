package org.remotesupport.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketCacheTest {

    @Test
    void keepsTheLastPacketsBySequenceAndForgetsOverwrittenOnes() {
        PacketCache cache = new PacketCache(16);
        byte[] packet = new byte[100];
        for (int sequence = 0; sequence < 40; sequence++) {
            Rtp.put16(packet, 2, sequence);
            packet[50] = (byte) sequence;
            cache.put(packet, 0, 60 + sequence);
        }
        byte[] out = new byte[200];
        assertThat(cache.get(39, out, 0)).isEqualTo(99);
        assertThat(out[50]).isEqualTo((byte) 39);
        assertThat(cache.get(24, out, 0)).isEqualTo(84);
        assertThat(cache.get(23, out, 0)).as("overwritten by 39").isEqualTo(-1);
        assertThat(cache.get(1000, out, 0)).isEqualTo(-1);
    }
}
