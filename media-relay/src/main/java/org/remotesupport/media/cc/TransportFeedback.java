package org.remotesupport.media.cc;

import org.remotesupport.media.rtp.Rtcp;
import org.remotesupport.media.rtp.Rtp;

/**
 * The transport-wide congestion control feedback message (RTCP RTPFB, FMT 15, of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1): writes one from a run of packet
 * arrivals and reads one back packet by packet. Stateless; the caller's scratch arrays make both
 * directions allocation-free.
 *
 * <p>Written by hand rather than taken from jitsi-rtp (the only maintained JVM implementation):
 * jitsi-rtp is Kotlin, brings the Kotlin runtime and jitsi-utils' Kotlin half with it, and models
 * each feedback as an object graph with a list of packet reports, which the relay's packet thread
 * would allocate for every feedback in both directions. The format is two chunk kinds and two
 * delta sizes; the tests check it against byte sequences worked out from the draft's layouts.
 */
public final class TransportFeedback {

    /** RTPFB format of transport-wide feedback. */
    public static final int FMT = 15;
    /** Receive deltas count in units of 250 µs. */
    public static final long DELTA_TICK_MICROS = 250;
    /** The reference time counts in units of 64 ms, that is 256 delta ticks. */
    public static final long REFERENCE_TICKS = 256;

    /** Status symbol: not received. */
    static final int NOT_RECEIVED = 0;
    /** Status symbol: received, delta fits one unsigned byte. */
    static final int SMALL_DELTA = 1;
    /** Status symbol: received, delta needs two signed bytes. */
    static final int LARGE_DELTA = 2;

    private static final int MAX_RUN_LENGTH = 0x1fff;
    private static final int HEADER_LENGTH = 20;

    /** Receives the packets of one parsed feedback, in sequence order. */
    public interface Visitor {
        /**
         * One packet of the feedback.
         *
         * @param sequence      16-bit transport-wide sequence number
         * @param arrivalMicros arrival time in the feedback sender's clock (only differences mean
         *                      anything), or {@link Long#MIN_VALUE} when the packet was not received
         */
        void packet(int sequence, long arrivalMicros);
    }

    private TransportFeedback() {
    }

    /**
     * Writes a feedback message.
     *
     * @param out          where to write; must hold {@link #maxLength(int)} bytes from {@code off}
     * @param baseSequence transport-wide sequence number of the first packet described
     * @param count        how many consecutive packets are described (1 to 65535)
     * @param symbols      per packet: {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or {@link #LARGE_DELTA}
     * @param deltas       per received packet, in order: its arrival minus the previous received
     *                     packet's (the first: minus the reference time) in 250 µs ticks
     * @param referenceTime 24-bit reference time in 64 ms units
     * @param feedbackCount 8-bit running count of feedback messages
     * @return the length written, a multiple of four (padded as RFC 3550 pads, like libwebrtc)
     */
    static int write(byte[] out, int off, long senderSsrc, long mediaSsrc, int baseSequence, int count,
                     byte[] symbols, int[] deltas, int referenceTime, int feedbackCount) {
        int p = off + HEADER_LENGTH;
        // packet status chunks
        int i = 0;
        while (i < count) {
            int run = 1;
            while (i + run < count && symbols[i + run] == symbols[i] && run < MAX_RUN_LENGTH) {
                run++;
            }
            int oneBit = 0;
            while (oneBit < 14 && i + oneBit < count && symbols[i + oneBit] != LARGE_DELTA) {
                oneBit++;
            }
            if (run >= 14 || i + run == count) {
                Rtp.put16(out, p, (symbols[i] << 13) | run);
                i += run;
            } else if (oneBit == 14 || i + oneBit == count) {
                int chunk = 0x8000;
                for (int k = 0; k < oneBit; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
                Rtp.put16(out, p, chunk);
                i += oneBit;
            } else if (run >= 7) {
                Rtp.put16(out, p, (symbols[i] << 13) | run);
                i += run;
            } else {
                int n = Math.min(7, count - i);
                int chunk = 0xc000;
                for (int k = 0; k < n; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
                Rtp.put16(out, p, chunk);
                i += n;
            }
            p += 2;
        }
        // receive deltas
        int d = 0;
        for (int k = 0; k < count; k++) {
            if (symbols[k] == SMALL_DELTA) {
                out[p++] = (byte) deltas[d++];
            } else if (symbols[k] == LARGE_DELTA) {
                Rtp.put16(out, p, deltas[d++]);
                p += 2;
            }
        }
        int padding = (4 - ((p - off) & 3)) & 3;
        for (int k = 1; k < padding; k++) {
            out[p++] = 0;
        }
        if (padding > 0) {
            out[p++] = (byte) padding;
        }
        int length = p - off;
        out[off] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | FMT);
        out[off + 1] = (byte) Rtcp.RTPFB;
        Rtp.put16(out, off + 2, length / 4 - 1);
        Rtp.put32(out, off + 4, senderSsrc);
        Rtp.put32(out, off + 8, mediaSsrc);
        Rtp.put16(out, off + 12, baseSequence & 0xffff);
        Rtp.put16(out, off + 14, count);
        out[off + 16] = (byte) (referenceTime >>> 16);
        out[off + 17] = (byte) (referenceTime >>> 8);
        out[off + 18] = (byte) referenceTime;
        out[off + 19] = (byte) feedbackCount;
        return length;
    }

    /** The most bytes a feedback describing {@code count} packets can take. */
    static int maxLength(int count) {
        // worst case: a 2-bit vector chunk per seven packets and a two-byte delta each, plus padding
        return HEADER_LENGTH + 2 * ((count + 6) / 7) + 2 * count + 4;
    }

    /**
     * Reads a feedback message and hands every packet it describes to {@code visitor}.
     *
     * @param len the RTCP packet's length as its header gives it (padding included)
     * @return how many packets were described, or -1 when the message is malformed (the visitor may
     *         have seen some packets of it)
     */
    public static int parse(byte[] b, int off, int len, Visitor visitor) {
        if (len < HEADER_LENGTH + 2 || Rtcp.packetType(b, off) != Rtcp.RTPFB || Rtcp.countOrFormat(b, off) != FMT) {
            return -1;
        }
        int end = off + len;
        if ((b[off] & 0x20) != 0) {
            int padding = b[end - 1] & 0xff;
            if (padding == 0 || padding > len - HEADER_LENGTH) {
                return -1;
            }
            end -= padding;
        }
        int base = Rtp.u16(b, off + 12);
        int count = Rtp.u16(b, off + 14);
        int reference = ((b[off + 16] & 0xff) << 16) | ((b[off + 17] & 0xff) << 8) | (b[off + 18] & 0xff);
        if ((reference & 0x800000) != 0) {
            reference |= 0xff000000; // a signed 24-bit value
        }
        if (count == 0) {
            return -1;
        }
        // first pass: find where the deltas start, so that the second can read chunks and deltas together
        int p = off + HEADER_LENGTH;
        int described = 0;
        while (described < count) {
            if (p + 2 > end) {
                return -1;
            }
            described += chunkSymbols(Rtp.u16(b, p));
            p += 2;
        }
        int deltaAt = p;
        long ticks = (long) reference * REFERENCE_TICKS;
        int sequence = base;
        int seen = 0;
        for (int chunkAt = off + HEADER_LENGTH; chunkAt < deltaAt; chunkAt += 2) {
            int chunk = Rtp.u16(b, chunkAt);
            int n = Math.min(chunkSymbols(chunk), count - seen);
            for (int k = 0; k < n; k++) {
                int symbol = symbol(chunk, k);
                if (symbol == SMALL_DELTA) {
                    if (deltaAt + 1 > end) {
                        return -1;
                    }
                    ticks += b[deltaAt++] & 0xff;
                    visitor.packet(sequence, ticks * DELTA_TICK_MICROS);
                } else if (symbol == LARGE_DELTA) {
                    if (deltaAt + 2 > end) {
                        return -1;
                    }
                    ticks += (short) Rtp.u16(b, deltaAt);
                    deltaAt += 2;
                    visitor.packet(sequence, ticks * DELTA_TICK_MICROS);
                } else if (symbol == NOT_RECEIVED) {
                    visitor.packet(sequence, Long.MIN_VALUE);
                } else {
                    return -1;
                }
                sequence = (sequence + 1) & 0xffff;
            }
            seen += n;
        }
        return count;
    }

    private static int chunkSymbols(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & MAX_RUN_LENGTH;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    private static int symbol(int chunk, int index) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - index)) & 1;
        }
        return (chunk >>> (12 - 2 * index)) & 3;
    }
}
