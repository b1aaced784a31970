package org.remotesupport.media.cc;

/**
 * The receive side of transport-wide congestion control for one endpoint: records the arrival time
 * of every RTP packet by its transport-wide sequence number (one space across all the endpoint's
 * SSRCs) and turns what arrived since the last feedback into {@link TransportFeedback} messages.
 * Memory is a fixed ring of {@value #CAPACITY} packets (more than a second of a 10 Mbit/s
 * sender); packets older than the ring when feedback is written are left out. Allocation-free after
 * construction. Confined to the relay's event loop.
 */
public final class ArrivalRecorder {

    /** Packets remembered; a power of two. */
    static final int CAPACITY = 1 << 12;
    private static final int MASK = CAPACITY - 1;
    private static final long NOT_RECEIVED = Long.MIN_VALUE;
    /** Packets described by one feedback at most: keeps each message under about 1,000 bytes. */
    public static final int MAX_PACKETS_PER_FEEDBACK = 400;
    /** Room a caller's buffer needs for one feedback. */
    public static final int MAX_FEEDBACK_LENGTH = TransportFeedback.maxLength(MAX_PACKETS_PER_FEEDBACK);

    private final long[] arrivalTicks = new long[CAPACITY];
    private final byte[] symbols = new byte[MAX_PACKETS_PER_FEEDBACK];
    private final int[] deltas = new int[MAX_PACKETS_PER_FEEDBACK];
    private boolean started;
    private long epochNanos;
    private long highest;      // unwrapped sequence number of the newest packet
    private long nextToReport; // unwrapped sequence number the next feedback starts at
    private int feedbackCount;
    private volatile long packets;

    public ArrivalRecorder() {
        java.util.Arrays.fill(arrivalTicks, NOT_RECEIVED);
    }

    /** Records one packet's transport-wide sequence number and arrival time (monotonic nanoseconds). */
    public void onPacket(int sequence, long arrivalNanos) {
        packets = packets + 1; // one writer thread
        if (!started) {
            started = true;
            epochNanos = arrivalNanos;
            highest = sequence;
            nextToReport = sequence;
            arrivalTicks[sequence & MASK] = 0;
            return;
        }
        long unwrapped = highest + (short) (sequence - (int) highest);
        if (unwrapped < nextToReport) {
            return; // already reported as lost; the sender has given up on it too
        }
        if (unwrapped > highest) {
            long gapStart = Math.max(highest + 1, unwrapped - CAPACITY + 1);
            for (long s = gapStart; s < unwrapped; s++) {
                arrivalTicks[(int) (s & MASK)] = NOT_RECEIVED;
            }
            highest = unwrapped;
            if (highest - nextToReport >= CAPACITY) {
                nextToReport = highest - CAPACITY + 1;
            }
        } else if (arrivalTicks[(int) (unwrapped & MASK)] != NOT_RECEIVED) {
            return; // a duplicate keeps its first arrival
        }
        arrivalTicks[(int) (unwrapped & MASK)] = Math.max(0, arrivalNanos - epochNanos) / 1000 / TransportFeedback.DELTA_TICK_MICROS;
    }

    /** Packets seen since the last feedback was written. */
    public int pending() {
        return started ? (int) (highest - nextToReport + 1) : 0;
    }

    /** Packets recorded since creation. */
    public long packetsRecorded() {
        return packets;
    }

    /**
     * Writes the next feedback message into {@code out} (which needs {@link #MAX_FEEDBACK_LENGTH}
     * bytes from {@code off}), describing up to {@link #MAX_PACKETS_PER_FEEDBACK} packets from where
     * the last one stopped; call again while {@link #pending()} is positive.
     *
     * @return the message's length, or 0 when nothing is pending
     */
    public int writeFeedback(byte[] out, int off, long senderSsrc, long mediaSsrc) {
        int available = pending();
        if (available <= 0) {
            return 0;
        }
        int limit = Math.min(available, MAX_PACKETS_PER_FEEDBACK);
        long referenceTicks = -1;
        for (int i = 0; i < limit && referenceTicks < 0; i++) {
            long t = arrivalTicks[(int) ((nextToReport + i) & MASK)];
            if (t != NOT_RECEIVED) {
                referenceTicks = t;
            }
        }
        long reference = Math.max(0, referenceTicks) / TransportFeedback.REFERENCE_TICKS;
        long previous = reference * TransportFeedback.REFERENCE_TICKS;
        int count = 0;
        int deltaCount = 0;
        for (; count < limit; count++) {
            long t = arrivalTicks[(int) ((nextToReport + count) & MASK)];
            if (t == NOT_RECEIVED) {
                symbols[count] = TransportFeedback.NOT_RECEIVED;
                continue;
            }
            long delta = t - previous;
            if (delta >= 0 && delta <= 0xff) {
                symbols[count] = TransportFeedback.SMALL_DELTA;
            } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                symbols[count] = TransportFeedback.LARGE_DELTA;
            } else {
                break; // more than 8 s after the previous packet: it opens the next feedback with its own reference
            }
            deltas[deltaCount++] = (int) delta;
            previous = t;
        }
        int length = TransportFeedback.write(out, off, senderSsrc, mediaSsrc, (int) (nextToReport & 0xffff), count,
                symbols, deltas, (int) (reference & 0xffffff), feedbackCount & 0xff);
        feedbackCount++;
        nextToReport += count;
        return length;
    }
}
