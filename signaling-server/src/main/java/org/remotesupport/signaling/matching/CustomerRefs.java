package org.remotesupport.signaling.matching;

import java.util.Locale;
import java.util.Optional;
import org.remotesupport.signaling.ticket.Ticket;

/**
 * The key under which {@link org.remotesupport.signaling.queue.ContactHistory} remembers a customer:
 * the ticket's order number without spaces, dashes and case, because customers hold no account
 * and a second contact about one order is what support counts as a repeat contact.
 */
final class CustomerRefs {

    private CustomerRefs() {
    }

    static Optional<String> of(Ticket ticket) {
        String order = ticket.orderNumber();
        if (order == null) {
            return Optional.empty();
        }
        String ref = order.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return ref.isEmpty() ? Optional.empty() : Optional.of("order:" + ref);
    }
}
