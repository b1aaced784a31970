package org.remotesupport.media.rtp;

/**
 * Reception statistics of one incoming RTP stream as RFC 3550 (appendix A.1, A.3, A.8) defines
 * them, and the report block the relay sends back to the publisher: loss, extended highest
 * sequence number, interarrival jitter, and the LSR/DLSR pair the sender derives round-trip time
 * from. Confined to the relay's event loop.
 */
public final class ReceiveStatistics {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final long ssrc;
    private final int clockRate;
    private boolean started;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private long received;
    // packets that advanced the highest sequence number: first transmissions that came in order
    private long advancing;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;

    public ReceiveStatistics(long ssrc, int clockRate) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /** Records a packet's sequence number, RTP timestamp and arrival time. */
    public void onPacket(int sequence, long rtpTimestamp, long arrivalNanos) {
        if (!started) {
            started = true;
            baseSeq = sequence;
            maxSeq = sequence;
            advancing++;
        } else {
            int delta = (sequence - maxSeq) & 0xffff;
            if (delta < MAX_DROPOUT) {
                if (sequence < maxSeq) {
                    cycles += 1 << 16;
                }
                if (delta > 0) {
                    advancing++;
                }
                maxSeq = sequence;
            } else if (delta <= 65536 - MAX_MISORDER) {
                // a large jump: the sender restarted its sequence; start over rather than report huge loss
                baseSeq = sequence;
                maxSeq = sequence;
                cycles = 0;
                received = 0;
                expectedPrior = 0;
                receivedPrior = 0;
                advancing = 1;
            }
            // else: a duplicate or reordered packet, counted below
        }
        received++;
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000;
        long transit = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Records the arrival of a sender report: the middle 32 bits of its NTP timestamp. */
    public void onSenderReport(long ntpMiddle32, long arrivalNanos) {
        lastSrNtpMiddle = ntpMiddle32;
        lastSrArrivalNanos = arrivalNanos;
    }

    public boolean hasPackets() {
        return started;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Packets lost since the start, as the receiver counts them (may be negative with duplicates). */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Packets the sender sent since the start, from the highest sequence number seen. */
    public long expectedPackets() {
        return started ? expected() : 0;
    }

    /** Packets received since the start, duplicates included. */
    public long receivedPackets() {
        return received;
    }

    /**
     * Packets that arrived before any packet with a higher sequence number, since the start: what the
     * link delivered of the first transmissions. A NACKed packet resent on the same stream (no RTX)
     * comes late and does not count, so {@code expectedPackets() - advancingPackets()} is the link's
     * loss before retransmission (a packet merely reordered counts as lost too; rare on one path).
     */
    public long advancingPackets() {
        return advancing;
    }

    private long expected() {
        return cycles + maxSeq - baseSeq + 1;
    }

    /** Writes a 24-byte report block and starts the next reporting interval; returns 24. */
    public int writeReportBlock(byte[] b, int off, long nowNanos) {
        long expected = expected();
        long lost = Math.max(-0x800000, Math.min(0x7fffff, expected - received));
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        Rtp.put32(b, off, ssrc);
        b[off + 4] = (byte) Math.min(fraction, 255);
        b[off + 5] = (byte) (lost >> 16);
        b[off + 6] = (byte) (lost >> 8);
        b[off + 7] = (byte) lost;
        Rtp.put32(b, off + 8, (cycles + maxSeq) & 0xffffffffL);
        Rtp.put32(b, off + 12, (long) jitter);
        Rtp.put32(b, off + 16, lastSrNtpMiddle);
        long dlsr = lastSrArrivalNanos == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
        Rtp.put32(b, off + 20, lastSrNtpMiddle == 0 ? 0 : dlsr & 0xffffffffL);
        return 24;
    }
}
