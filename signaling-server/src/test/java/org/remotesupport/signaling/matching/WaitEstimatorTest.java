package org.remotesupport.signaling.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {

    private static final Duration FOUR_MINUTES = Duration.ofMinutes(4);

    @Test
    void theAverageOfRecentHandlingTimesOrTheDefault() {
        assertThat(WaitEstimator.averageHandlingTime(List.of(), FOUR_MINUTES)).isEqualTo(FOUR_MINUTES);
        assertThat(WaitEstimator.averageHandlingTime(List.of(Duration.ofMinutes(2), Duration.ofMinutes(6)),
                Duration.ZERO)).isEqualTo(FOUR_MINUTES);
    }

    @Test
    void customersAheadShareThePlacesThatFreeUp() {
        // nobody speaks the language: no estimate
        assertThat(WaitEstimator.estimateMillis(1, 0, 0, FOUR_MINUTES)).isNull();
        // a free place: served now
        assertThat(WaitEstimator.estimateMillis(2, 3, 2, FOUR_MINUTES)).isZero();
        // one busy agent: half a handling time for the first, one more per customer ahead
        assertThat(WaitEstimator.estimateMillis(1, 1, 0, FOUR_MINUTES)).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(WaitEstimator.estimateMillis(3, 1, 0, FOUR_MINUTES)).isEqualTo(Duration.ofMinutes(10).toMillis());
        // four places free up four times as fast
        assertThat(WaitEstimator.estimateMillis(3, 4, 0, FOUR_MINUTES)).isEqualTo(Duration.ofSeconds(150).toMillis());
    }
}
