package org.remotesupport.media.rtp;

/**
 * Finds one header extension element in an RTP packet (RFC 8285: one-byte and two-byte forms) so
 * the relay can read or overwrite it in place. Allocation-free; stateless.
 */
public final class RtpExtensions {

    private static final int ONE_BYTE_PROFILE = 0xbede;
    private static final int TWO_BYTE_PROFILE_MASK = 0xfff0;
    private static final int TWO_BYTE_PROFILE = 0x1000;

    private RtpExtensions() {
    }

    /**
     * The offset of the data of extension element {@code id} with at least {@code minLength} bytes,
     * or -1 when the packet has no such element or a malformed extension block.
     */
    public static int find(byte[] b, int off, int len, int id, int minLength) {
        if (id <= 0 || len < Rtp.HEADER_LENGTH || (b[off] & 0x10) == 0) {
            return -1;
        }
        int at = off + Rtp.HEADER_LENGTH + 4 * (b[off] & 0x0f);
        if (at + 4 > off + len) {
            return -1;
        }
        int profile = Rtp.u16(b, at);
        int end = at + 4 + 4 * Rtp.u16(b, at + 2);
        if (end > off + len) {
            return -1;
        }
        int p = at + 4;
        if (profile == ONE_BYTE_PROFILE) {
            while (p < end) {
                int header = b[p] & 0xff;
                if (header == 0) {
                    p++; // padding
                    continue;
                }
                int elementId = header >>> 4;
                int length = (header & 0x0f) + 1;
                if (elementId == 15 || p + 1 + length > end) {
                    return -1;
                }
                if (elementId == id) {
                    return length >= minLength ? p + 1 : -1;
                }
                p += 1 + length;
            }
        } else if ((profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
            while (p < end) {
                int elementId = b[p] & 0xff;
                if (elementId == 0) {
                    p++;
                    continue;
                }
                if (p + 2 > end) {
                    return -1;
                }
                int length = b[p + 1] & 0xff;
                if (p + 2 + length > end) {
                    return -1;
                }
                if (elementId == id) {
                    return length >= minLength ? p + 2 : -1;
                }
                p += 2 + length;
            }
        }
        return -1;
    }

    /**
     * Whether extension element {@code id} is present and holds exactly the ASCII text {@code value}
     * (how the rtp-stream-id extension names a simulcast layer, RFC 8852).
     */
    public static boolean holdsText(byte[] b, int off, int len, int id, String value) {
        int at = find(b, off, len, id, 1);
        if (at < 0) {
            return false;
        }
        int headerAt = Rtp.HEADER_LENGTH + 4 * (b[off] & 0x0f) + off;
        boolean oneByte = Rtp.u16(b, headerAt) == ONE_BYTE_PROFILE;
        int length = oneByte ? (b[at - 1] & 0x0f) + 1 : b[at - 1] & 0xff;
        // senders may pad the element with zero bytes
        while (length > 0 && b[at + length - 1] == 0) {
            length--;
        }
        if (length != value.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[at + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
