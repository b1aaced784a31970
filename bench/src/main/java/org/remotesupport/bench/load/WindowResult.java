package org.remotesupport.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one measurement window counted over all endpoints: RTP packets sent in the window, those of
 * them that arrived, packets that failed SRTP, and the transit time of each arrival in nanoseconds.
 * Immutable once returned.
 */
public record WindowResult(Duration length, long sent, long received, long undecryptable, Histogram transit) {

    /** Fraction of the window's packets that did not arrive. */
    public double loss() {
        return sent == 0 ? 0 : Math.max(0, 1.0 - (double) received / sent);
    }

    public double receivedPerSecond() {
        return received / (length.toNanos() / 1e9);
    }

    public double sentPerSecond() {
        return sent / (length.toNanos() / 1e9);
    }
}
