package org.remotesupport.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateEstimatorTest {

    private static final int PACKET = 1000; // bytes: 1 Mbit/s is 125 packets a second, one every 8 ms

    /** Feeds {@code seconds} of 1 Mbit/s whose one-way delay grows by {@code queueGrowthMicros} per packet. */
    private static long run(RateEstimator estimator, long startMicros, double seconds, long queueGrowthMicros,
                            int lostEvery) {
        long send = startMicros;
        long delay = 20_000;
        int packets = (int) (seconds * 125);
        for (int i = 0; i < packets; i++) {
            send += 8_000;
            delay += queueGrowthMicros;
            if (lostEvery > 0 && i % lostEvery == 0) {
                estimator.onLost(1);
            } else {
                estimator.onReceived(send, send + delay, PACKET);
            }
            if (i % 6 == 5) { // feedback every ~50 ms
                estimator.update(send * 1000);
            }
        }
        return send;
    }

    @Test
    void aPathThatCarriesEverythingIsNoLimit() {
        RateEstimator estimator = new RateEstimator();
        run(estimator, 0, 5, 0, 0);
        assertThat(estimator.deliveredBps()).isBetween(900_000L, 1_100_000L);
        assertThat(estimator.overusing()).isFalse();
        assertThat(estimator.limiting()).isFalse();
        assertThat(estimator.estimateBps()).isGreaterThan(2_000_000L);
        assertThat(estimator.congestionEvents()).isZero();
    }

    @Test
    void aGrowingQueueCutsTheEstimateBelowWhatThePathDelivered() {
        RateEstimator estimator = new RateEstimator();
        long now = run(estimator, 0, 3, 0, 0);
        // the queue grows 2 ms with every packet: the path carries less than is sent
        run(estimator, now, 2, 2_000, 0);
        assertThat(estimator.congestionEvents()).isPositive();
        assertThat(estimator.limiting()).isTrue();
        assertThat(estimator.estimateBps()).isLessThan(estimator.deliveredBps() * 2);
        assertThat(estimator.estimateBps()).isLessThan(1_000_000L);
    }

    @Test
    void heavyLossCutsTheEstimate() {
        RateEstimator estimator = new RateEstimator();
        long now = run(estimator, 0, 3, 0, 0);
        long before = estimator.estimateBps();
        run(estimator, now, 2, 0, 4); // 25 % loss
        assertThat(estimator.lossRate()).isBetween(0.2, 0.3);
        assertThat(estimator.limiting()).isTrue();
        assertThat(estimator.estimateBps()).isLessThan(before);
    }
}
