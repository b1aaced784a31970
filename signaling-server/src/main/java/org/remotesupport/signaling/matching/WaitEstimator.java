package org.remotesupport.signaling.matching;

import java.time.Duration;
import java.util.List;

/**
 * Estimates how long a waiting customer still waits: the customers ahead of it who cannot go to a
 * free agent right away each need a place to free up, and the agents who speak the language free
 * {@code capacity} places per average handling time. The average is over the most recent handling
 * times; before any session finished, the configured default stands in. Stateless.
 */
final class WaitEstimator {

    private WaitEstimator() {
    }

    /** The mean of the samples, or the fallback when there are none. */
    static Duration averageHandlingTime(List<Duration> recent, Duration fallback) {
        if (recent.isEmpty()) {
            return fallback;
        }
        long total = 0;
        for (Duration d : recent) {
            total += d.toMillis();
        }
        return Duration.ofMillis(total / recent.size());
    }

    /**
     * The estimated wait of the customer at {@code position} (1 = next).
     *
     * @param position      the customer's place among those waiting for the same language
     * @param capacity      places of the signed-in agents who speak the language (available or busy)
     * @param freePlaces    places of those agents free for an offer right now
     * @param handlingTime  the average handling time
     * @return the estimate in milliseconds, or null when no agent speaks the language
     */
    static Long estimateMillis(int position, int capacity, int freePlaces, Duration handlingTime) {
        if (capacity <= 0) {
            return null;
        }
        int ahead = position - freePlaces;
        if (ahead <= 0) {
            return 0L;
        }
        // the first place frees up half a handling time from now on average, each next one capacity-th of one later
        double handlings = (ahead - 0.5) / capacity;
        return Math.round(handlings * handlingTime.toMillis());
    }
}
