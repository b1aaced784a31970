package org.remotesupport.signaling.identity;

/** The account store contract against the in-memory store of a single node. */
class InMemoryAccountStoreContractTest extends AccountStoreContract {

    private InMemoryAccountStore store;

    @Override
    protected AccountStore newStore() {
        store = new InMemoryAccountStore();
        return store;
    }

    @Override
    protected AccountStore anotherNode() {
        return store;
    }
}
