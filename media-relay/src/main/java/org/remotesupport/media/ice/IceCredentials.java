package org.remotesupport.media.ice;

import java.security.SecureRandom;

/**
 * An endpoint's local ICE username fragment and password (RFC 8839: at least 24 bits of
 * randomness for the ufrag, 128 for the password; ice-chars only). Immutable.
 */
public record IceCredentials(String ufrag, String password) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** Fresh random credentials: an 8-character ufrag (48 bits) and a 24-character password (144 bits). */
    public static IceCredentials random(SecureRandom random) {
        return new IceCredentials(randomString(random, 8), randomString(random, 24));
    }

    private static String randomString(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}
