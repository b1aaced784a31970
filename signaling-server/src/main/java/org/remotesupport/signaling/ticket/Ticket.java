package org.remotesupport.signaling.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * What a customer needs help with, recorded when they enter (an invite link or the help page) and
 * read by the queue to place and match them. Immutable; stores hand out and take these records.
 *
 * @param id          unique, random, 20 characters of {@code [a-z0-9]}
 * @param orderNumber the customer's order number as typed (1 to 64 characters)
 * @param product     the product name or model (may be empty)
 * @param category    the product category, a skill agents have (e.g. {@code coffee-machines})
 * @param language    the language the customer speaks, a BCP 47 tag in lower case (e.g. {@code es})
 * @param tier        the customer's service tier
 * @param severity    how urgent the problem is
 * @param description the customer's short description (may be empty)
 * @param photoRef    where the customer's photo is kept ({@link org.remotesupport.signaling.entry.PhotoStore}), or null
 * @param agent       the username of the one agent this customer must be offered to, or null for any agent
 * @param createdAt   when the ticket was recorded
 */
public record Ticket(String id, String orderNumber, String product, String category, String language, Tier tier,
                     Severity severity, String description, String photoRef, String agent, Instant createdAt) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(createdAt, "createdAt");
        product = product == null ? "" : product;
        description = description == null ? "" : description;
    }
}
