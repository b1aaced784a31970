package org.remotesupport.media.rtp;

/**
 * RTCP packet types and writers for the few packets the relay originates: receiver reports, PLI
 * and FIR (RFC 3550, 4585, 5104). Hand-written for the same reason as {@link Rtp}. Stateless.
 */
public final class Rtcp {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;

    /** RTPFB format: generic NACK. */
    public static final int FMT_NACK = 1;
    /** PSFB format: picture loss indication. */
    public static final int FMT_PLI = 1;
    /** PSFB format: full intra request. */
    public static final int FMT_FIR = 4;

    private Rtcp() {
    }

    /** Length in bytes of the RTCP packet at {@code off} as its header states it, or -1 if it overruns {@code end}. */
    public static int packetLength(byte[] b, int off, int end) {
        if (end - off < 4 || (b[off] & 0xc0) != 0x80) {
            return -1;
        }
        int length = 4 * (Rtp.u16(b, off + 2) + 1);
        return off + length <= end ? length : -1;
    }

    public static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xff;
    }

    /** Report count or feedback message type: the low five bits of the first byte. */
    public static int countOrFormat(byte[] b, int off) {
        return b[off] & 0x1f;
    }

    /** Writes a PLI from {@code senderSsrc} about {@code mediaSsrc}; returns its length (12). */
    public static int writePli(byte[] b, int off, long senderSsrc, long mediaSsrc) {
        b[off] = (byte) (0x80 | FMT_PLI);
        b[off + 1] = (byte) PSFB;
        Rtp.put16(b, off + 2, 2);
        Rtp.put32(b, off + 4, senderSsrc);
        Rtp.put32(b, off + 8, mediaSsrc);
        return 12;
    }

    /** Writes a FIR from {@code senderSsrc} asking {@code mediaSsrc} for a keyframe; returns its length (20). */
    public static int writeFir(byte[] b, int off, long senderSsrc, long mediaSsrc, int sequence) {
        b[off] = (byte) (0x80 | FMT_FIR);
        b[off + 1] = (byte) PSFB;
        Rtp.put16(b, off + 2, 4);
        Rtp.put32(b, off + 4, senderSsrc);
        Rtp.put32(b, off + 8, 0);
        Rtp.put32(b, off + 12, mediaSsrc);
        b[off + 16] = (byte) sequence;
        b[off + 17] = 0;
        b[off + 18] = 0;
        b[off + 19] = 0;
        return 20;
    }

    /**
     * Writes a generic NACK from {@code senderSsrc} asking {@code mediaSsrc} for the packets
     * {@code sequences[0..count)}, which must be in ascending order (modulo 2^16) and are packed
     * into PID/BLP pairs; returns its length.
     */
    public static int writeNack(byte[] b, int off, long senderSsrc, long mediaSsrc, int[] sequences, int count) {
        b[off] = (byte) (0x80 | FMT_NACK);
        b[off + 1] = (byte) RTPFB;
        Rtp.put32(b, off + 4, senderSsrc);
        Rtp.put32(b, off + 8, mediaSsrc);
        int p = off + 12;
        int i = 0;
        while (i < count) {
            int pid = sequences[i++];
            int blp = 0;
            while (i < count) {
                int distance = (sequences[i] - pid - 1) & 0xffff;
                if (distance >= 16) {
                    break;
                }
                blp |= 1 << distance;
                i++;
            }
            Rtp.put16(b, p, pid);
            Rtp.put16(b, p + 2, blp);
            p += 4;
        }
        Rtp.put16(b, off + 2, (p - off) / 4 - 1);
        return p - off;
    }

    /** Writes the header of a receiver report with {@code blocks} report blocks to follow; returns 8. */
    public static int writeReceiverReportHeader(byte[] b, int off, long senderSsrc, int blocks) {
        b[off] = (byte) (0x80 | blocks);
        b[off + 1] = (byte) RR;
        Rtp.put16(b, off + 2, 1 + 6 * blocks);
        Rtp.put32(b, off + 4, senderSsrc);
        return 8;
    }
}
