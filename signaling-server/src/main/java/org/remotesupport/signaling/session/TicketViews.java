package org.remotesupport.signaling.session;

import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.ticket.Ticket;

/** How agents see a ticket on the wire; stateless. */
public final class TicketViews {

    private TicketViews() {
    }

    /** The ticket as {@code offer}, {@code queue.snapshot} and {@code session.started} carry it; empty strings are left out. */
    public static ServerMessage.TicketInfo of(Ticket ticket, Boolean repeatContact) {
        return new ServerMessage.TicketInfo(ticket.id(), blankToNull(ticket.orderNumber()),
                blankToNull(ticket.product()), ticket.category(), ticket.language(), ticket.tier().wire(),
                ticket.severity().wire(), blankToNull(ticket.description()), repeatContact);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
