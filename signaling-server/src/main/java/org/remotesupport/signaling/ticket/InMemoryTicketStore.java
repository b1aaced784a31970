package org.remotesupport.signaling.ticket;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TicketStore} in this process's memory, for a single signaling node. Thread-safe. */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    @Override
    public boolean create(Ticket ticket) {
        return tickets.putIfAbsent(ticket.id(), ticket) == null;
    }

    @Override
    public Optional<Ticket> find(String id) {
        return Optional.ofNullable(tickets.get(id));
    }
}
