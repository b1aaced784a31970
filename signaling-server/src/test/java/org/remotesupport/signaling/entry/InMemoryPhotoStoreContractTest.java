package org.remotesupport.signaling.entry;

/** The photo store contract against the in-memory store of a single node. */
class InMemoryPhotoStoreContractTest extends PhotoStoreContract {

    private InMemoryPhotoStore store;

    @Override
    protected PhotoStore newStore() {
        store = new InMemoryPhotoStore();
        return store;
    }

    @Override
    protected PhotoStore anotherNode() {
        return store;
    }
}
