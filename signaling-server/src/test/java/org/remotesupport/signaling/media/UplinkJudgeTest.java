package org.remotesupport.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.UplinkReport;

class UplinkJudgeTest {

    private static final FallbackProperties DEFAULTS = new FallbackProperties(true, 150, 10, Duration.ofSeconds(3),
            250, 3, Duration.ofSeconds(5));

    private final UplinkJudge judge = new UplinkJudge(DEFAULTS);
    private long now;

    private Optional<UplinkJudge.Decision> second(long kbps, double lossFraction) {
        now += 1000;
        return judge.report("s:c", now, new UplinkReport(kbps * 1000, lossFraction, Math.max(1, kbps / 10), 1000));
    }

    @Test
    void aSlowLinkFallsBackToPhotosAfterThreeSecondsNotBefore() {
        assertThat(second(1200, 0)).isEmpty();
        assertThat(second(100, 0)).isEmpty();
        assertThat(second(90, 0)).isEmpty();
        Optional<UplinkJudge.Decision> third = second(110, 0);
        assertThat(third).contains(new UplinkJudge.Decision(UplinkJudge.Mode.SNAPSHOTS, "bitrate", 110, 0.0));
        assertThat(judge.mode("s:c")).isEqualTo(UplinkJudge.Mode.SNAPSHOTS);
        assertThat(second(80, 0)).as("told once").isEmpty();
    }

    @Test
    void lossAboveTheThresholdFallsBackEvenAtAHighBitrate() {
        second(900, 0.2);
        second(900, 0.2);
        assertThat(second(900, 0.15)).hasValueSatisfying(d -> {
            assertThat(d.mode()).isEqualTo(UplinkJudge.Mode.SNAPSHOTS);
            assertThat(d.reason()).isEqualTo("loss");
            assertThat(d.lossPercent()).isEqualTo(15.0);
        });
    }

    @Test
    void aGoodSecondRestartsTheWait() {
        second(100, 0);
        second(100, 0);
        second(400, 0);
        assertThat(second(100, 0)).isEmpty();
        assertThat(second(100, 0)).isEmpty();
        assertThat(second(100, 0)).isPresent();
    }

    @Test
    void videoReturnsOnlyAfterFiveSecondsClearlyAboveTheRecoveryThreshold() {
        for (int i = 0; i < 3; i++) {
            second(100, 0);
        }
        assertThat(judge.mode("s:c")).isEqualTo(UplinkJudge.Mode.SNAPSHOTS);
        // between the thresholds: neither poor enough to matter nor good enough to return
        for (int i = 0; i < 10; i++) {
            assertThat(second(200, 0)).isEmpty();
        }
        // good bitrate but lossy: stays
        for (int i = 0; i < 10; i++) {
            assertThat(second(600, 0.05)).isEmpty();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(second(600, 0.01)).isEmpty();
        }
        assertThat(second(600, 0)).contains(new UplinkJudge.Decision(UplinkJudge.Mode.VIDEO, "recovered", 600, 0.0));
    }

    @Test
    void aSecondWithoutVideoIsNotJudged() {
        second(100, 0);
        second(100, 0);
        now += 1000;
        assertThat(judge.report("s:c", now, new UplinkReport(0, 0, 0, 1000))).isEmpty();
        second(100, 0);
        second(100, 0);
        assertThat(judge.mode("s:c")).as("the paused second restarted the wait").isEqualTo(UplinkJudge.Mode.VIDEO);
        assertThat(second(100, 0)).isPresent();
    }

    @Test
    void forgettingAnEndpointStartsItOverInVideo() {
        for (int i = 0; i < 3; i++) {
            second(100, 0);
        }
        assertThat(judge.forget("s:c")).isEqualTo(UplinkJudge.Mode.SNAPSHOTS);
        assertThat(judge.mode("s:c")).isEqualTo(UplinkJudge.Mode.VIDEO);
    }

    @Test
    void disabledNeverFallsBack() {
        UplinkJudge off = new UplinkJudge(new FallbackProperties(false, 150, 10, Duration.ofSeconds(3), 250, 3,
                Duration.ofSeconds(5)));
        for (int i = 1; i <= 10; i++) {
            assertThat(off.report("s:c", i * 1000L, new UplinkReport(10_000, 0.5, 5, 1000))).isEmpty();
        }
    }
}
