package org.remotesupport.signaling.session;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Makes join codes and session ids from a random source. Codes use an alphabet without look-alike
 * characters (no 0/O, 1/I/L) so they can be read out over the phone; ten of them give about 49
 * bits, which is unguessable within a code's lifetime at the rate one connection can try codes.
 */
final class JoinCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 20;

    private final RandomGenerator random;

    JoinCodes(RandomGenerator random) {
        this.random = random;
    }

    String nextCode() {
        return draw(ALPHABET, LENGTH);
    }

    String nextSessionId() {
        return draw(ID_ALPHABET, ID_LENGTH);
    }

    /** What a person typed or pasted, in the form codes are stored: upper case, no spaces or dashes. */
    static String normalize(String typed) {
        StringBuilder code = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c != ' ' && c != '-') {
                code.append(c);
            }
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    static boolean isWellFormed(String code) {
        if (code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private String draw(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
