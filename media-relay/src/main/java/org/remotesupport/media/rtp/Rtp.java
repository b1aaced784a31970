package org.remotesupport.media.rtp;

/**
 * Reads fields of RTP and RTCP packets in a byte array and classifies datagrams on the relay's
 * one port (RFC 7983). Hand-written because these are single-field reads on the hot path that no
 * Java RTP library offers without allocating a packet object. Stateless.
 */
public final class Rtp {

    /** Fixed RTP header length. */
    public static final int HEADER_LENGTH = 12;

    /** What a datagram on the shared port is, from its first byte (RFC 7983 section 7). */
    public enum Kind { STUN, DTLS, RTP, RTCP, UNKNOWN }

    private Rtp() {
    }

    /** Classifies by the first byte, and RTP from RTCP by the payload type byte (RFC 5761 section 4). */
    public static Kind classify(byte[] b, int off, int len) {
        if (len < 1) {
            return Kind.UNKNOWN;
        }
        int first = b[off] & 0xff;
        if (first <= 3) {
            return len >= 20 ? Kind.STUN : Kind.UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return Kind.DTLS;
        }
        if (first >= 128 && first <= 191) {
            if (len < 8) {
                return Kind.UNKNOWN;
            }
            int pt = b[off + 1] & 0xff;
            return pt >= 192 && pt <= 223 ? Kind.RTCP : Kind.RTP;
        }
        return Kind.UNKNOWN;
    }

    public static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    public static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    public static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    public static void put32(byte[] b, int at, long value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7f;
    }

    public static int sequence(byte[] b, int off) {
        return u16(b, off + 2);
    }

    public static long timestamp(byte[] b, int off) {
        return u32(b, off + 4);
    }

    public static long ssrc(byte[] b, int off) {
        return u32(b, off + 8);
    }

    /**
     * Length of the RTP header including CSRCs and the extension, or -1 when the packet is too
     * short for the header it declares.
     */
    public static int headerLength(byte[] b, int off, int len) {
        if (len < HEADER_LENGTH || (b[off] & 0xc0) != 0x80) {
            return -1;
        }
        int csrcCount = b[off] & 0x0f;
        int length = HEADER_LENGTH + 4 * csrcCount;
        if ((b[off] & 0x10) != 0) {
            if (len < length + 4) {
                return -1;
            }
            length += 4 + 4 * u16(b, off + length + 2);
        }
        return length <= len ? length : -1;
    }
}
