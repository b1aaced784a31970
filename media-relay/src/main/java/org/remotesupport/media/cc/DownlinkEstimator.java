package org.remotesupport.media.cc;

/**
 * Send-side bandwidth estimation of one subscriber's downlink: numbers every RTP packet the relay
 * sends it with a transport-wide sequence number, remembers when and how large each was (a ring of
 * {@value #CAPACITY}), and feeds the subscriber's transport-cc feedback into a {@link RateEstimator}.
 * Allocation-free after construction. Confined to the relay's event loop.
 */
public final class DownlinkEstimator {

    static final int CAPACITY = 1 << 12;
    private static final int MASK = CAPACITY - 1;

    private final long[] sendMicros = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private final int[] sequences = new int[CAPACITY];
    private final RateEstimator estimator = new RateEstimator();
    private final TransportFeedback.Visitor visitor = this::onReport;
    private int nextSequence;
    private volatile long feedbacks;

    public DownlinkEstimator() {
        java.util.Arrays.fill(sequences, -1);
    }

    /** Takes the next transport-wide sequence number for a packet of {@code size} bytes sent now. */
    public int nextSequence(long nowNanos, int size) {
        int sequence = nextSequence;
        nextSequence = (nextSequence + 1) & 0xffff;
        int slot = sequence & MASK;
        sequences[slot] = sequence;
        sendMicros[slot] = nowNanos / 1000;
        sizes[slot] = size;
        return sequence;
    }

    /**
     * Takes one transport-cc feedback message from the subscriber.
     *
     * @return whether it was well formed
     */
    public boolean onFeedback(byte[] b, int off, int len, long nowNanos) {
        if (TransportFeedback.parse(b, off, len, visitor) < 0) {
            return false;
        }
        feedbacks = feedbacks + 1; // one writer thread
        estimator.update(nowNanos);
        return true;
    }

    private void onReport(int sequence, long arrivalMicros) {
        int slot = sequence & MASK;
        if (sequences[slot] != sequence) {
            return; // not sent by us, or so long ago that the ring forgot it
        }
        sequences[slot] = -1; // a later feedback may describe it again; count it once
        if (arrivalMicros == Long.MIN_VALUE) {
            estimator.onLost(1);
        } else {
            estimator.onReceived(sendMicros[slot], arrivalMicros, sizes[slot]);
        }
    }

    /** The estimate in bits per second, 0 before enough feedback arrived. */
    public long estimateBps() {
        return estimator.estimateBps();
    }

    /** The estimator behind, for its details. */
    public RateEstimator estimator() {
        return estimator;
    }

    /** Feedback messages taken. */
    public long feedbacks() {
        return feedbacks;
    }
}
