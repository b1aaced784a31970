package org.remotesupport.signaling.ws;

import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.SignalingException;

/**
 * Joins the parts of one text message as the container delivers them and enforces the protocol's
 * size limit itself: an oversized message is read to its end and dropped, so the connection stays
 * usable instead of being closed by the container. One per connection; used on its receiving thread.
 */
final class FrameAssembler {

    private final int maxBytes;
    // only while a message arrives in several parts: an idle connection holds no buffer
    private StringBuilder text;
    private long bytes;

    FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds one part of a message.
     *
     * @return the whole message once {@code last} is set, or null while more parts are due
     * @throws SignalingException {@code message_too_large} on the last part of an oversized message
     */
    String append(String part, boolean last) {
        bytes += utf8Length(part);
        if (last && text == null) {
            return complete(part);
        }
        if (bytes <= maxBytes) {
            if (text == null) {
                text = new StringBuilder(part.length() * 2);
            }
            text.append(part);
        } else {
            // the rest of the message is only counted
            text = null;
        }
        if (!last) {
            return null;
        }
        String whole = text == null ? "" : text.toString();
        text = null;
        return complete(whole);
    }

    private String complete(String whole) {
        long total = bytes;
        bytes = 0;
        if (total > maxBytes) {
            throw new SignalingException(ErrorCode.MESSAGE_TOO_LARGE,
                    "message of " + total + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        return whole;
    }

    static long utf8Length(CharSequence s) {
        long length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isSurrogate(c)) {
                // a pair is four bytes, two per half
                length += 2;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
