package org.remotesupport.media.rtp;

/**
 * Reads and rewrites the few fields of a VP8 or H.264 RTP payload that a forwarder switching
 * between streams must know or change: whether a packet starts a keyframe, and VP8's picture id
 * and TL0PICIDX (RFC 7741 section 4.2). Takes a plain RTP packet; stateless and allocation-free.
 */
public final class VideoPayload {

    /** Returned by the readers when the packet carries no such field. */
    public static final int ABSENT = -1;

    private VideoPayload() {
    }

    /** Offset of the RTP payload, or -1 when the packet is malformed or has no payload. */
    public static int payloadOffset(byte[] b, int off, int len) {
        int header = Rtp.headerLength(b, off, len);
        if (header < 0) {
            return -1;
        }
        return header < payloadEnd(b, off, len) - off ? off + header : -1;
    }

    /** End of the payload: the packet's end less its padding. */
    public static int payloadEnd(byte[] b, int off, int len) {
        int end = off + len;
        if ((b[off] & 0x20) != 0 && len > Rtp.HEADER_LENGTH) {
            end -= b[off + len - 1] & 0xff;
        }
        return end;
    }

    /** Whether the packet is the first of a VP8 keyframe (start of partition 0 with P = 0). */
    public static boolean vp8KeyframeStart(byte[] b, int off, int len) {
        int p = payloadOffset(b, off, len);
        if (p < 0) {
            return false;
        }
        int end = payloadEnd(b, off, len);
        int descriptor = vp8DescriptorLength(b, p, end - p);
        if (descriptor < 0 || p + descriptor >= end) {
            return false;
        }
        boolean start = (b[p] & 0x10) != 0 && (b[p] & 0x07) == 0;
        return start && (b[p + descriptor] & 0x01) == 0;
    }

    /** Whether the packet carries an H.264 IDR slice's start or a sequence parameter set. */
    public static boolean h264KeyframeStart(byte[] b, int off, int len) {
        int p = payloadOffset(b, off, len);
        if (p < 0) {
            return false;
        }
        int end = payloadEnd(b, off, len);
        int type = b[p] & 0x1f;
        if (type == 5 || type == 7) {
            return true;
        }
        if (type == 24) { // STAP-A: 16-bit sizes, each followed by a NAL unit
            int at = p + 1;
            while (at + 3 <= end) {
                int size = Rtp.u16(b, at);
                int nal = b[at + 2] & 0x1f;
                if (nal == 5 || nal == 7) {
                    return true;
                }
                at += 2 + size;
            }
            return false;
        }
        if (type == 28 && p + 1 < end) { // FU-A: start bit and the fragmented unit's type
            int fu = b[p + 1] & 0xff;
            return (fu & 0x80) != 0 && ((fu & 0x1f) == 5 || (fu & 0x1f) == 7);
        }
        return false;
    }

    /** Offset of the VP8 picture id within the packet, or {@link #ABSENT}. */
    public static int vp8PictureIdAt(byte[] b, int off, int len) {
        int p = payloadOffset(b, off, len);
        if (p < 0 || p + 2 >= payloadEnd(b, off, len)) {
            return ABSENT;
        }
        if ((b[p] & 0x80) == 0 || (b[p + 1] & 0x80) == 0) {
            return ABSENT;
        }
        return p + 2;
    }

    /** The picture id at {@code at} (from {@link #vp8PictureIdAt}): 15 bits, or 7 when the M bit is clear. */
    public static int vp8PictureId(byte[] b, int at) {
        return (b[at] & 0x80) != 0 ? ((b[at] & 0x7f) << 8) | (b[at + 1] & 0xff) : b[at] & 0x7f;
    }

    /** Whether the picture id at {@code at} is the 15-bit form. */
    public static boolean vp8LongPictureId(byte[] b, int at) {
        return (b[at] & 0x80) != 0;
    }

    /** Writes a picture id in the form already at {@code at}, wrapping it to that form's width. */
    public static void putVp8PictureId(byte[] b, int at, int pictureId) {
        if ((b[at] & 0x80) != 0) {
            b[at] = (byte) (0x80 | ((pictureId >>> 8) & 0x7f));
            b[at + 1] = (byte) pictureId;
        } else {
            b[at] = (byte) (pictureId & 0x7f);
        }
    }

    /** Offset of VP8's TL0PICIDX within the packet, or {@link #ABSENT}. */
    public static int vp8Tl0PicIdxAt(byte[] b, int off, int len) {
        int p = payloadOffset(b, off, len);
        int end = p < 0 ? -1 : payloadEnd(b, off, len);
        if (p < 0 || p + 1 >= end || (b[p] & 0x80) == 0) {
            return ABSENT;
        }
        int extension = b[p + 1] & 0xff;
        if ((extension & 0x40) == 0) {
            return ABSENT;
        }
        int at = p + 2;
        if ((extension & 0x80) != 0) {
            if (at >= end) {
                return ABSENT;
            }
            at += (b[at] & 0x80) != 0 ? 2 : 1;
        }
        return at < end ? at : ABSENT;
    }

    /** Length of the VP8 payload descriptor at {@code p}, or -1 if the payload is too short for it. */
    public static int vp8DescriptorLength(byte[] b, int p, int available) {
        if (available < 1) {
            return -1;
        }
        int at = 1;
        if ((b[p] & 0x80) != 0) {
            if (available < 2) {
                return -1;
            }
            int extension = b[p + 1] & 0xff;
            at = 2;
            if ((extension & 0x80) != 0) {
                if (available <= at) {
                    return -1;
                }
                at += (b[p + at] & 0x80) != 0 ? 2 : 1;
            }
            if ((extension & 0x40) != 0) {
                at++;
            }
            if ((extension & 0x30) != 0) {
                at++;
            }
        }
        return at <= available ? at : -1;
    }
}
