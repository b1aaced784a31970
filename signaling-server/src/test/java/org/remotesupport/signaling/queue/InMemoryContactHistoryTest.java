package org.remotesupport.signaling.queue;

/** The contact history contract against the in-memory history of a single node. */
class InMemoryContactHistoryTest extends ContactHistoryContract {

    private InMemoryContactHistory history;

    @Override
    protected ContactHistory newStore() {
        history = new InMemoryContactHistory();
        return history;
    }

    @Override
    protected ContactHistory anotherNode() {
        return history;
    }
}
