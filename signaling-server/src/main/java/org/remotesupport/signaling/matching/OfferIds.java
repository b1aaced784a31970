package org.remotesupport.signaling.matching;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Offer ids name the ticket they ring for, so that an {@code offer.accept} finds its queue entry
 * without a search: {@code {ticketId}.{10 random characters}}. The random part makes an offer id
 * unguessable; every use of one is still checked against the stores.
 */
final class OfferIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 10;
    private static final char SEPARATOR = '.';

    private final RandomGenerator random;

    OfferIds(RandomGenerator random) {
        this.random = random;
    }

    String next(String ticketId) {
        StringBuilder id = new StringBuilder(ticketId.length() + 1 + RANDOM_LENGTH).append(ticketId).append(SEPARATOR);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** The ticket id an offer id names, if it is shaped like one this class makes. */
    static Optional<String> ticketOf(String offerId) {
        int dot = offerId == null ? -1 : offerId.lastIndexOf(SEPARATOR);
        if (dot <= 0 || offerId.length() - dot - 1 != RANDOM_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(offerId.substring(0, dot));
    }
}
