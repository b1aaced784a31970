package org.remotesupport.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Counters and the transit-time histogram of one load-generator event loop for the current window.
 * Written only by its event loop; {@link #drain} runs there too and hands a copy to the collector.
 */
final class LoopStats {

    // up to 10 s, to 3 significant digits: a microsecond of resolution at a millisecond
    private static final long MAX_TRANSIT_NANOS = 10_000_000_000L;

    long sent;
    long received;
    long undecryptable;
    long late;
    Histogram transit = new Histogram(MAX_TRANSIT_NANOS, 3);

    void recordTransit(long nanos) {
        transit.recordValue(Math.min(Math.max(nanos, 0), MAX_TRANSIT_NANOS));
    }

    LoopStats drain() {
        LoopStats copy = new LoopStats();
        copy.sent = sent;
        copy.received = received;
        copy.undecryptable = undecryptable;
        copy.late = late;
        copy.transit = transit.copy();
        sent = 0;
        received = 0;
        undecryptable = 0;
        late = 0;
        transit.reset();
        return copy;
    }

    void add(LoopStats other) {
        sent += other.sent;
        received += other.received;
        undecryptable += other.undecryptable;
        late += other.late;
        transit.add(other.transit);
    }
}
