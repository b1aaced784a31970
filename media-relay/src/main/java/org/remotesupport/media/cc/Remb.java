package org.remotesupport.media.cc;

import org.remotesupport.media.rtp.Rtcp;
import org.remotesupport.media.rtp.Rtp;

/**
 * Receiver estimated maximum bitrate (REMB, draft-alvestrand-rmcat-remb-03): an RTCP PSFB message
 * (FMT 15, "REMB") that tells a sender the most it should send. Writes and reads it; hand-written
 * for the same reason as {@link TransportFeedback}. Stateless.
 */
public final class Remb {

    /** PSFB format of application-layer feedback, which REMB uses. */
    public static final int FMT = 15;
    private static final long IDENTIFIER = 0x52454d42L; // "REMB"

    private Remb() {
    }

    /**
     * Writes a REMB from {@code senderSsrc} limiting the streams {@code ssrcs[0..count)} to
     * {@code bitsPerSecond} (rounded down to what 18 bits of mantissa can say).
     *
     * @return its length, 20 + 4 per SSRC
     */
    public static int write(byte[] b, int off, long senderSsrc, long bitsPerSecond, long[] ssrcs, int count) {
        long mantissa = Math.max(0, bitsPerSecond);
        int exponent = 0;
        while (mantissa > 0x3ffff) {
            mantissa >>>= 1;
            exponent++;
        }
        int length = 20 + 4 * count;
        b[off] = (byte) (0x80 | FMT);
        b[off + 1] = (byte) Rtcp.PSFB;
        Rtp.put16(b, off + 2, length / 4 - 1);
        Rtp.put32(b, off + 4, senderSsrc);
        Rtp.put32(b, off + 8, 0);
        Rtp.put32(b, off + 12, IDENTIFIER);
        b[off + 16] = (byte) count;
        b[off + 17] = (byte) ((exponent << 2) | (int) (mantissa >>> 16));
        Rtp.put16(b, off + 18, (int) (mantissa & 0xffff));
        for (int i = 0; i < count; i++) {
            Rtp.put32(b, off + 20 + 4 * i, ssrcs[i]);
        }
        return length;
    }

    /** The bitrate a REMB message states, or -1 when the PSFB message at {@code off} is not a well-formed REMB. */
    public static long bitrate(byte[] b, int off, int len) {
        if (len < 20 || Rtcp.packetType(b, off) != Rtcp.PSFB || Rtcp.countOrFormat(b, off) != FMT
                || Rtp.u32(b, off + 12) != IDENTIFIER || len < 20 + 4 * (b[off + 16] & 0xff)) {
            return -1;
        }
        int exponent = (b[off + 17] & 0xff) >>> 2;
        long mantissa = ((long) (b[off + 17] & 0x03) << 16) | Rtp.u16(b, off + 18);
        return exponent > 40 ? Long.MAX_VALUE : mantissa << exponent;
    }
}
