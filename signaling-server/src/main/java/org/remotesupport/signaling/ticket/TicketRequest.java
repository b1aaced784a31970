package org.remotesupport.signaling.ticket;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fields of a ticket as a client sends them (help page, invite from an agent or the REST API),
 * before checking. {@link #validate} checks sizes and formats and fills in defaults; stateless.
 */
public record TicketRequest(String orderNumber, String product, String category, String language, String tier,
                            String severity, String description) {

    public static final int MAX_ORDER_NUMBER = 64;
    public static final int MAX_PRODUCT = 100;
    public static final int MAX_CATEGORY = 40;
    public static final int MAX_LANGUAGE = 35;
    public static final int MAX_DESCRIPTION = 1000;
    /** Category when none is given. */
    public static final String DEFAULT_CATEGORY = "general";
    /** Language when none is given. */
    public static final String DEFAULT_LANGUAGE = "en";

    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");

    /** A field that is missing, too long or malformed; the message names the field. */
    public static final class InvalidTicketException extends IllegalArgumentException {

        public InvalidTicketException(String message) {
            super(message);
        }
    }

    /**
     * The checked request: trimmed strings, lower-case category and language, defaults applied.
     *
     * @param orderRequired whether an empty order number is refused (the help page needs one)
     * @throws InvalidTicketException naming the first bad field
     */
    public TicketRequest validate(boolean orderRequired) {
        String order = text("orderNumber", orderNumber, MAX_ORDER_NUMBER);
        if (orderRequired && order.isEmpty()) {
            throw new InvalidTicketException("orderNumber is required");
        }
        String cat = text("category", category, MAX_CATEGORY).toLowerCase(Locale.ROOT);
        cat = cat.isEmpty() ? DEFAULT_CATEGORY : cat;
        if (!CATEGORY.matcher(cat).matches()) {
            throw new InvalidTicketException("category must be lower-case letters, digits and dashes");
        }
        String lang = text("language", language, MAX_LANGUAGE).toLowerCase(Locale.ROOT).replace('_', '-');
        lang = lang.isEmpty() ? DEFAULT_LANGUAGE : lang;
        if (!LANGUAGE.matcher(lang).matches()) {
            throw new InvalidTicketException("language must be a language tag such as en, es or zh-hans");
        }
        String tierName = text("tier", tier, 20);
        Tier parsedTier = tierName.isEmpty() ? Tier.STANDARD : Tier.fromWire(tierName)
                .orElseThrow(() -> new InvalidTicketException("tier must be standard or vip"));
        String severityName = text("severity", severity, 20);
        Severity parsedSeverity = severityName.isEmpty() ? Severity.NORMAL : Severity.fromWire(severityName)
                .orElseThrow(() -> new InvalidTicketException("severity must be low, normal, high or critical"));
        return new TicketRequest(order, text("product", product, MAX_PRODUCT), cat, lang, parsedTier.wire(),
                parsedSeverity.wire(), multiline("description", description, MAX_DESCRIPTION));
    }

    /** The ticket of a validated request. */
    public Ticket toTicket(String id, String photoRef, String agent, Instant createdAt) {
        return new Ticket(id, orderNumber, product, category, language,
                Tier.fromWire(tier).orElse(Tier.STANDARD), Severity.fromWire(severity).orElse(Severity.NORMAL),
                description, photoRef, agent, createdAt);
    }

    private static String text(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidTicketException(field + " must have at most " + max + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidTicketException(field + " must not contain control characters");
        }
        return text;
    }

    private static String multiline(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidTicketException(field + " must have at most " + max + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidTicketException(field + " must not contain control characters");
        }
        return text;
    }
}
