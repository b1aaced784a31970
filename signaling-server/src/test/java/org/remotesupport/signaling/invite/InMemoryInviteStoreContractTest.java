package org.remotesupport.signaling.invite;

/** The invite store contract against the in-memory store of a single node. */
class InMemoryInviteStoreContractTest extends InviteStoreContract {

    private InMemoryInviteStore store;

    @Override
    protected InviteStore newStore() {
        store = new InMemoryInviteStore();
        return store;
    }

    @Override
    protected InviteStore anotherNode() {
        return store;
    }
}
