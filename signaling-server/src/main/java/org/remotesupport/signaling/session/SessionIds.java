package org.remotesupport.signaling.session;

import java.util.random.RandomGenerator;

/** Makes session ids from a random source: 20 characters of {@code [a-z0-9]}, about 103 bits. */
final class SessionIds {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 20;

    private final RandomGenerator random;

    SessionIds(RandomGenerator random) {
        this.random = random;
    }

    String nextSessionId() {
        char[] chars = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            chars[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(chars);
    }
}
