package org.remotesupport.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {

    @Test
    void reportsLossAcrossSequenceWrapAndFractionPerInterval() {
        ReceiveStatistics stats = new ReceiveStatistics(7, 90_000);
        long now = 1_000_000_000L;
        int sequence = 65_530;
        for (int i = 0; i < 20; i++) {
            if (i != 3 && i != 10) {
                stats.onPacket((sequence + i) & 0xffff, i * 3000L, now + i * 33_333_333L);
            }
        }
        assertThat(stats.cumulativeLost()).isEqualTo(2);
        byte[] block = new byte[24];
        stats.writeReportBlock(block, 0, now);
        assertThat(Rtp.u32(block, 0)).isEqualTo(7);
        assertThat(block[4] & 0xff).as("fraction lost: 2 of 20 in 1/256 units").isEqualTo(25);
        assertThat(Rtp.u32(block, 8)).as("extended highest sequence, one wrap").isEqualTo(65_536L + 13);
        // next interval without loss
        stats.onPacket(14, 20 * 3000L, now + 20 * 33_333_333L);
        stats.writeReportBlock(block, 0, now);
        assertThat(block[4]).isZero();
    }

    @Test
    void dlsrCountsTheTimeSinceTheLastSenderReport() {
        ReceiveStatistics stats = new ReceiveStatistics(7, 48_000);
        stats.onPacket(1, 0, 0);
        stats.onSenderReport(0x12345678L, 1_000_000_000L);
        byte[] block = new byte[24];
        stats.writeReportBlock(block, 0, 1_500_000_000L);
        assertThat(Rtp.u32(block, 16)).isEqualTo(0x12345678L);
        assertThat(Rtp.u32(block, 20)).as("half a second in 1/65536 s").isEqualTo(32_768L);
    }

    @Test
    void retransmissionsOnTheSameStreamDoNotHideTheLinksLoss() {
        ReceiveStatistics stats = new ReceiveStatistics(7, 90_000);
        // 65534..65535, 0..7 sent across the wrap; 65535, 2 and 5 lost, then 2 and 5 resent after a NACK
        for (int sequence : new int[] {65534, 0, 1, 3, 4, 6, 7, 2, 5}) {
            stats.onPacket(sequence, 0, 0);
        }
        assertThat(stats.expectedPackets()).isEqualTo(10);
        assertThat(stats.receivedPackets()).isEqualTo(9);
        assertThat(stats.advancingPackets()).as("first transmissions in order").isEqualTo(7);
        stats.onPacket(7, 0, 0);
        assertThat(stats.advancingPackets()).as("a duplicate does not count").isEqualTo(7);
    }
}
