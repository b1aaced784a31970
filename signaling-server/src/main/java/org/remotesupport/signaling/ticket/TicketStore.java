package org.remotesupport.signaling.ticket;

import java.util.Optional;

/**
 * Where tickets are kept, shared by every signaling node. Every method is atomic on its own and
 * may be called from any thread; tickets never change once created.
 */
public interface TicketStore {

    /**
     * Stores a new ticket.
     *
     * @return false, storing nothing, if a ticket with this id exists (a shared store must check and
     *         write in one operation, e.g. {@code SET NX})
     */
    boolean create(Ticket ticket);

    /** The ticket with this id, if stored. */
    Optional<Ticket> find(String id);
}
