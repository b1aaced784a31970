package org.remotesupport.signaling.queue;

/** The queue store contract against the in-memory store of a single node. */
class InMemoryQueueStoreTest extends QueueStoreContract {

    private InMemoryQueueStore store;

    @Override
    protected QueueStore newStore() {
        store = new InMemoryQueueStore();
        return store;
    }

    @Override
    protected QueueStore anotherNode() {
        return store;
    }
}
