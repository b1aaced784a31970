package org.remotesupport.signaling.ticket;

/** The ticket store contract against the in-memory store of a single node. */
class InMemoryTicketStoreContractTest extends TicketStoreContract {

    private InMemoryTicketStore store;

    @Override
    protected TicketStore newStore() {
        store = new InMemoryTicketStore();
        return store;
    }

    @Override
    protected TicketStore anotherNode() {
        return store;
    }
}
