package org.remotesupport.signaling.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class TicketStoreContract {

    private static final Ticket TICKET = new Ticket("t0000000000000000001", "ORD-1", "Barista 3000", "coffee-machines",
            "es", Tier.VIP, Severity.HIGH, "no enciende", "photo1", "ana", Instant.parse("2030-01-01T00:00:00.123Z"));

    protected abstract TicketStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract TicketStore anotherNode();

    @Test
    void aTicketIsCreatedOnceAndReadBackWhole() {
        TicketStore store = newStore();
        assertThat(store.create(TICKET)).isTrue();
        assertThat(anotherNode().find(TICKET.id())).contains(TICKET);
        Ticket other = new Ticket(TICKET.id(), "ORD-2", null, "phones", "en", Tier.STANDARD, Severity.LOW, null, null,
                null, Instant.parse("2030-01-02T00:00:00Z"));
        assertThat(anotherNode().create(other)).isFalse();
        assertThat(store.find(TICKET.id())).contains(TICKET);
    }

    @Test
    void optionalFieldsSurvive() {
        TicketStore store = newStore();
        Ticket bare = new Ticket("t0000000000000000002", "ORD-3", null, "phones", "en", Tier.STANDARD, Severity.NORMAL,
                null, null, null, Instant.parse("2030-01-02T00:00:00Z"));
        store.create(bare);
        Ticket read = anotherNode().find(bare.id()).orElseThrow();
        assertThat(read).isEqualTo(bare);
        assertThat(read.photoRef()).isNull();
        assertThat(read.agent()).isNull();
        assertThat(read.product()).isEmpty();
        assertThat(store.find("unknown")).isEmpty();
    }
}
