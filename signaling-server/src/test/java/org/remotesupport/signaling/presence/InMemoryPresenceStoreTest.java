package org.remotesupport.signaling.presence;

/** The presence store contract against the in-memory store of a single node. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {

    private InMemoryPresenceStore store;

    @Override
    protected PresenceStore newStore() {
        store = new InMemoryPresenceStore();
        return store;
    }

    @Override
    protected PresenceStore anotherNode() {
        return store;
    }
}
