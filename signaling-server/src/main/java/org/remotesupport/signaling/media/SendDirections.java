package org.remotesupport.signaling.media;

import java.util.regex.Pattern;

/**
 * Reads from an SDP answer whether the client will send media: any m-line answered
 * {@code sendrecv} or {@code sendonly}, or with no direction attribute (which means sendrecv).
 * Stateless.
 */
final class SendDirections {

    private static final Pattern M_LINE = Pattern.compile("\r?\n(?=m=)");

    private SendDirections() {
    }

    static boolean sendsMedia(String sdp) {
        String[] sections = M_LINE.split(sdp);
        for (int i = 1; i < sections.length; i++) {
            String section = sections[i];
            if (section.startsWith("m=application")) {
                continue;
            }
            boolean receivesOnly = section.contains("a=recvonly") || section.contains("a=inactive");
            if (!receivesOnly) {
                return true;
            }
        }
        return false;
    }
}
