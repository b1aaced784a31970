package org.remotesupport.bench.load;

/**
 * The interval of send times that one measurement counts: a packet belongs to the window when it was
 * sent inside it, wherever it arrives. Immutable.
 */
record MeasureWindow(long startNanos, long endNanos) {

    boolean contains(long sendNanos) {
        return sendNanos >= startNanos && sendNanos < endNanos;
    }
}
