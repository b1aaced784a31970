package org.remotesupport.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpTest {

    @Test
    void classifiesByFirstByteAsRfc7983Says() {
        assertThat(Rtp.classify(new byte[20], 0, 20)).isEqualTo(Rtp.Kind.STUN);
        assertThat(Rtp.classify(new byte[19], 0, 19)).as("shorter than a STUN header").isEqualTo(Rtp.Kind.UNKNOWN);
        assertThat(Rtp.classify(new byte[] {22, 1}, 0, 2)).isEqualTo(Rtp.Kind.DTLS);
        assertThat(Rtp.classify(new byte[] {(byte) 0x80, 96, 0, 0, 0, 0, 0, 0}, 0, 8)).isEqualTo(Rtp.Kind.RTP);
        assertThat(Rtp.classify(new byte[] {(byte) 0x80, (byte) 200, 0, 0, 0, 0, 0, 0}, 0, 8)).isEqualTo(Rtp.Kind.RTCP);
        assertThat(Rtp.classify(new byte[] {(byte) 0x81, (byte) 206, 0, 0, 0, 0, 0, 0}, 0, 8)).isEqualTo(Rtp.Kind.RTCP);
        assertThat(Rtp.classify(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0}, 0, 8)).isEqualTo(Rtp.Kind.UNKNOWN);
        assertThat(Rtp.classify(new byte[] {64}, 0, 1)).isEqualTo(Rtp.Kind.UNKNOWN);
        assertThat(Rtp.classify(new byte[0], 0, 0)).isEqualTo(Rtp.Kind.UNKNOWN);
    }

    @Test
    void headerLengthCoversCsrcsAndExtensionAndRejectsOverruns() {
        byte[] packet = new byte[40];
        packet[0] = (byte) 0x92; // version 2, extension, 2 CSRCs
        Rtp.put16(packet, 12 + 8 + 2, 2); // extension of two words after the CSRCs
        assertThat(Rtp.headerLength(packet, 0, 40)).isEqualTo(12 + 8 + 4 + 8);
        assertThat(Rtp.headerLength(packet, 0, 30)).isEqualTo(-1);
        assertThat(Rtp.headerLength(new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 12)).as("version 1").isEqualTo(-1);
    }

    @Test
    void rtcpLengthMustStayInsideTheDatagram() {
        byte[] pli = new byte[12];
        Rtcp.writePli(pli, 0, 1, 2);
        assertThat(Rtcp.packetLength(pli, 0, 12)).isEqualTo(12);
        assertThat(Rtcp.packetLength(pli, 0, 11)).isEqualTo(-1);
    }

    @Test
    void findsAOneByteHeaderExtensionElementPastPaddingAndOthers() {
        byte[] packet = java.util.HexFormat.of().parseHex(
                "90600001" + "00000002" + "00000003" + "bede0002" + "00" + "1001" + "3112" + "340000" + "cafe");
        assertThat(RtpExtensions.find(packet, 0, packet.length, 3, 2)).isEqualTo(20);
        assertThat(Rtp.u16(packet, 20)).isEqualTo(0x1234);
        assertThat(RtpExtensions.find(packet, 0, packet.length, 1, 2)).as("element 1 has one byte, not two").isEqualTo(-1);
        assertThat(RtpExtensions.find(packet, 0, packet.length, 5, 2)).isEqualTo(-1);
        assertThat(RtpExtensions.find(packet, 0, 18, 3, 2)).as("truncated").isEqualTo(-1);
    }

    @Test
    void findsATwoByteHeaderExtensionElement() {
        byte[] packet = java.util.HexFormat.of().parseHex(
                "90600001" + "00000002" + "00000003" + "10000002" + "0100" + "0302abcd" + "00" + "00" + "cafe");
        assertThat(RtpExtensions.find(packet, 0, packet.length, 3, 2)).isEqualTo(20);
        assertThat(Rtp.u16(packet, 20)).isEqualTo(0xabcd);
    }

    @Test
    void writesNacksPackingNeighboursIntoTheBitmask() {
        byte[] out = new byte[64];
        int length = Rtcp.writeNack(out, 0, 1, 2, new int[] {100, 101, 116, 117}, 4);
        assertThat(java.util.HexFormat.of().formatHex(out, 0, length))
                .isEqualTo("81cd0004" + "00000001" + "00000002" + "00648001" + "00750000");
    }

    @Test
    void readsTheRtpStreamIdThatNamesASimulcastLayer() {
        byte[] p = new byte[12 + 4 + 8 + 10];
        p[0] = (byte) 0x90; // version 2, extension
        Rtp.put16(p, 12, 0xbede);
        Rtp.put16(p, 14, 2); // two words of elements
        p[16] = 0x22; // id 2, 3 bytes: a transport-wide sequence number and one more
        p[20] = 0x50; // id 5, 1 byte
        p[21] = 'h';
        // p[22], p[23]: padding
        assertThat(RtpExtensions.holdsText(p, 0, p.length, 5, "h")).isTrue();
        assertThat(RtpExtensions.holdsText(p, 0, p.length, 5, "f")).isFalse();
        assertThat(RtpExtensions.holdsText(p, 0, p.length, 5, "hh")).isFalse();
        assertThat(RtpExtensions.holdsText(p, 0, p.length, 6, "h")).isFalse();
    }
}
