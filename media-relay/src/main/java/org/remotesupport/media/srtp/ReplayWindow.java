package org.remotesupport.media.srtp;

/**
 * SRTP replay protection for one incoming RTP stream with a window of {@value #SIZE} packets, the
 * size libwebrtc gives libsrtp. jitsi-srtp's own window is fixed at 64 packets, and a publisher
 * without RTX resends a lost packet under its original sequence number one NACK round trip later:
 * at 2 Mbit/s over a queue of a few hundred milliseconds that is well over 64 packets behind, so
 * the repair that keeps video going on a lossy uplink would be dropped as a replay. Indexes are
 * sequence numbers extended across wraps. Allocation-free; confined to the relay's event loop.
 */
final class ReplayWindow {

    static final int SIZE = 1024;
    private final long[] bits = new long[SIZE / 64];
    private boolean started;
    private long highest;

    /** Whether a packet with this sequence number must be refused: seen already, or older than the window. */
    boolean refuses(int sequence) {
        if (!started) {
            return false;
        }
        long index = extend(sequence);
        if (index > highest) {
            return false;
        }
        long age = highest - index;
        return age >= SIZE || (bits[(int) ((index & (SIZE - 1)) >>> 6)] & (1L << (index & 63))) != 0;
    }

    /** Records an authenticated packet's sequence number. */
    void accept(int sequence) {
        long index = started ? extend(sequence) : sequence;
        if (!started) {
            started = true;
            highest = index;
        } else if (index > highest) {
            long advance = Math.min(index - highest, SIZE);
            for (long i = 1; i <= advance; i++) {
                long cleared = highest + i;
                bits[(int) ((cleared & (SIZE - 1)) >>> 6)] &= ~(1L << (cleared & 63));
            }
            highest = index;
        } else if (highest - index >= SIZE) {
            return;
        }
        bits[(int) ((index & (SIZE - 1)) >>> 6)] |= 1L << (index & 63);
    }

    private long extend(int sequence) {
        return highest + (short) (sequence - (int) highest);
    }
}
