package org.remotesupport.signaling.session;

import java.util.Objects;

/**
 * What a customer needs help with, as the entry (an invite link or the help page) recorded it. The
 * matching engine ranks and routes by it; the agent sees it when the session starts.
 *
 * @param ticketId    unique id of the ticket; a customer holds one queue place per ticket
 * @param customerRef who the customer is across contacts (a customer number, an e-mail hash), or
 *                    null when unknown; repeat contacts and "the agent who helped before" use it
 * @param orderNumber the order the problem concerns, or null
 * @param product     the product, or null
 * @param category    product category, lower case (routing skill and SLA)
 * @param language    the language the customer is served in, a lower-case tag such as {@code en}
 * @param tier        customer tier, lower case ({@code standard}, {@code vip}, ...)
 * @param severity    ticket severity, lower case ({@code low}, {@code normal}, {@code high}, {@code critical})
 * @param description the customer's own words, or null
 */
public record Ticket(String ticketId, String customerRef, String orderNumber, String product, String category,
                     String language, String tier, String severity, String description) {

    /** The tier of customers nobody marked otherwise. */
    public static final String STANDARD_TIER = "standard";
    /** The severity of tickets nobody marked otherwise. */
    public static final String NORMAL_SEVERITY = "normal";

    public Ticket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(language, "language");
        tier = tier == null ? STANDARD_TIER : tier;
        severity = severity == null ? NORMAL_SEVERITY : severity;
    }
}
