package org.remotesupport.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feedback codec against byte sequences worked out by hand from the layouts of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1 (the status vector chunk is the
 * draft's own example), and read back.
 */
class TransportFeedbackTest {

    private static final HexFormat HEX = HexFormat.of();

    record Report(int sequence, long arrivalMicros) {
    }

    private static List<Report> parse(byte[] packet, int length) {
        List<Report> reports = new ArrayList<>();
        assertThat(TransportFeedback.parse(packet, 0, length, (sequence, arrival) -> reports.add(new Report(sequence, arrival))))
                .isEqualTo(reports.size());
        return reports;
    }

    @Test
    void aRunOfReceivedPacketsIsOneRunLengthChunkWithOneByteDeltasAndRtcpPadding() {
        byte[] out = new byte[64];
        int length = TransportFeedback.write(out, 0, 0x11223344L, 0x55667788L, 5, 3,
                new byte[] {1, 1, 1}, new int[] {4, 0, 255}, 0x000102, 7);

        // V=2 P=1 FMT=15, PT=205, length 6 words; base 5, count 3; reference 0x000102, count 7;
        // run-length chunk "received, small delta" x3 = 0x2003; deltas 04 00 ff; padding 00 00 03
        assertThat(HEX.formatHex(out, 0, length)).isEqualTo(
                "afcd0006" + "11223344" + "55667788" + "00050003" + "00010207" + "20030400" + "ff000003");
        List<Report> reports = parse(out, length);
        long reference = 0x102L * 64_000;
        assertThat(reports).containsExactly(
                new Report(5, reference + 1000), new Report(6, reference + 1000), new Report(7, reference + 1000 + 255 * 250));
    }

    @Test
    void theDraftsStatusVectorExampleIsAOneBitVectorChunk() {
        // 1 lost, 5 received, 3 lost, 3 received, 2 lost: the draft's |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0|
        byte[] symbols = {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0};
        int[] deltas = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] out = new byte[64];
        int length = TransportFeedback.write(out, 0, 1, 2, 0xfffe, 14, symbols, deltas, 0, 0);

        assertThat(HEX.formatHex(out, 20, 22)).isEqualTo("9f1c");
        assertThat(HEX.formatHex(out, 22, 30)).isEqualTo("0102030405060708");
        assertThat(length).isEqualTo(32);
        assertThat(out[0] & 0xff).as("P bit set for two bytes of padding").isEqualTo(0xaf);
        assertThat(out[31]).isEqualTo((byte) 2);
        List<Report> reports = parse(out, length);
        assertThat(reports).hasSize(14);
        assertThat(reports.get(0)).isEqualTo(new Report(0xfffe, Long.MIN_VALUE));
        assertThat(reports.get(1)).isEqualTo(new Report(0xffff, 250));
        assertThat(reports.get(2)).as("sequence numbers wrap").isEqualTo(new Report(0, 750));
        assertThat(reports.get(13)).isEqualTo(new Report(11, Long.MIN_VALUE));
    }

    @Test
    void aLargeOrNegativeDeltaNeedsATwoBitVectorChunkAndTwoSignedBytes() {
        byte[] symbols = {1, 2, 0, 1, 1, 1, 1};
        int[] deltas = {10, -4, 1, 1, 1, 1};
        byte[] out = new byte[64];
        int length = TransportFeedback.write(out, 0, 1, 2, 100, 7, symbols, deltas, 0, 0);

        // |1|1|01 10 00 01 01 01 01| = 0xd855; deltas 0a fffc 01 01 01 01; padding 00 03
        assertThat(length).isEqualTo(32);
        assertThat(HEX.formatHex(out, 20, 29)).isEqualTo("d8550afffc01010101");
        List<Report> reports = parse(out, length);
        assertThat(reports).extracting(Report::arrivalMicros)
                .containsExactly(2500L, 1500L, Long.MIN_VALUE, 1750L, 2000L, 2250L, 2500L);
    }

    @Test
    void longRunsOfLossAreRunLengthChunks() {
        byte[] symbols = new byte[301];
        symbols[300] = 1;
        byte[] out = new byte[64];
        int length = TransportFeedback.write(out, 0, 1, 2, 0, 301, symbols, new int[] {9}, 0, 0);

        assertThat(HEX.formatHex(out, 20, 25)).isEqualTo("012c200109");
        List<Report> reports = parse(out, length);
        assertThat(reports).hasSize(301);
        assertThat(reports.get(299).arrivalMicros()).isEqualTo(Long.MIN_VALUE);
        assertThat(reports.get(300)).isEqualTo(new Report(300, 9 * 250));
    }

    @Test
    void truncatedOrForeignMessagesAreRefused() {
        byte[] out = new byte[64];
        int length = TransportFeedback.write(out, 0, 1, 2, 5, 3, new byte[] {1, 1, 1}, new int[] {4, 0, 255}, 1, 0);
        // the header claims deltas that are not there
        out[3] = 5;
        out[0] = (byte) 0x8f;
        assertThat(TransportFeedback.parse(out, 0, 24, (s, a) -> { })).isEqualTo(-1);
        // a NACK is not transport feedback
        out[0] = (byte) 0x81;
        assertThat(TransportFeedback.parse(out, 0, length, (s, a) -> { })).isEqualTo(-1);
        // a run-length chunk claiming more packets than the message has bytes for
        byte[] bogus = HEX.parseHex("8fcd0005" + "00000001" + "00000002" + "0000ffff" + "00000000" + "3fff0000");
        assertThat(TransportFeedback.parse(bogus, 0, bogus.length, (s, a) -> { })).isEqualTo(-1);
    }
}
