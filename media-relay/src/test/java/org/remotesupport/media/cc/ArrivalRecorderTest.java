package org.remotesupport.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalRecorderTest {

    private static final long MS = 1_000_000L;

    record Report(int sequence, long arrivalMicros) {
    }

    private static List<Report> feedback(ArrivalRecorder recorder) {
        byte[] out = new byte[ArrivalRecorder.MAX_FEEDBACK_LENGTH];
        int length = recorder.writeFeedback(out, 0, 1, 2);
        assertThat(length).isPositive();
        List<Report> reports = new ArrayList<>();
        assertThat(TransportFeedback.parse(out, 0, length, (s, a) -> reports.add(new Report(s, a)))).isPositive();
        return reports;
    }

    @Test
    void reportsEveryPacketSinceTheLastFeedbackAcrossTheWrapWithGapsAsLost() {
        ArrivalRecorder recorder = new ArrivalRecorder();
        long t0 = 5_000 * MS;
        recorder.onPacket(65534, t0);
        recorder.onPacket(65535, t0 + 2 * MS);
        recorder.onPacket(0, t0 + 3 * MS);
        recorder.onPacket(2, t0 + 30 * MS);
        recorder.onPacket(0, t0 + 31 * MS); // a duplicate keeps its first arrival

        assertThat(recorder.pending()).isEqualTo(5);
        List<Report> reports = feedback(recorder);
        assertThat(reports).extracting(Report::sequence).containsExactly(65534, 65535, 0, 1, 2);
        long first = reports.get(0).arrivalMicros();
        assertThat(reports).extracting(r -> r.arrivalMicros() == Long.MIN_VALUE ? -1 : r.arrivalMicros() - first)
                .containsExactly(0L, 2_000L, 3_000L, -1L, 30_000L);
        assertThat(recorder.pending()).isZero();
        assertThat(recorder.writeFeedback(new byte[ArrivalRecorder.MAX_FEEDBACK_LENGTH], 0, 1, 2)).isZero();

        // late arrival of the packet already reported lost is not reported again; the next feedback goes on
        recorder.onPacket(1, t0 + 40 * MS);
        recorder.onPacket(3, t0 + 41 * MS);
        List<Report> next = feedback(recorder);
        assertThat(next).extracting(Report::sequence).containsExactly(3);
        assertThat(next.get(0).arrivalMicros() - first).isEqualTo(41_000L);
    }

    @Test
    void aBacklogIsSplitIntoSeveralFeedbacksAndAHugeJumpForgetsWhatTheRingCannotHold() {
        ArrivalRecorder recorder = new ArrivalRecorder();
        for (int i = 0; i < 1000; i++) {
            recorder.onPacket(i, i * MS / 10);
        }
        int messages = 0;
        int packets = 0;
        byte[] out = new byte[ArrivalRecorder.MAX_FEEDBACK_LENGTH];
        int length;
        while ((length = recorder.writeFeedback(out, 0, 1, 2)) > 0) {
            messages++;
            assertThat(length).isLessThanOrEqualTo(ArrivalRecorder.MAX_FEEDBACK_LENGTH);
            packets += TransportFeedback.parse(out, 0, length, (s, a) -> { });
        }
        assertThat(messages).isEqualTo(3);
        assertThat(packets).isEqualTo(1000);

        recorder.onPacket(30_000, 200 * MS);
        assertThat(recorder.pending()).isEqualTo(ArrivalRecorder.CAPACITY);
    }

    @Test
    void packetsFarApartInTimeAreSplitWhereTheDeltaNoLongerFits() {
        ArrivalRecorder recorder = new ArrivalRecorder();
        recorder.onPacket(10, 0);
        recorder.onPacket(11, 9_000 * MS); // 9 s later: more than a signed 16-bit count of 250 µs
        assertThat(feedback(recorder)).extracting(Report::sequence).containsExactly(10);
        List<Report> second = feedback(recorder);
        assertThat(second).extracting(Report::sequence).containsExactly(11);
    }
}
