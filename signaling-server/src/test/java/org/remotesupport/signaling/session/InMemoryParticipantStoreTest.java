package org.remotesupport.signaling.session;

/** The participant store contract against the in-memory store of a single node. */
class InMemoryParticipantStoreTest extends ParticipantStoreContract {

    private InMemoryParticipantStore store;

    @Override
    protected ParticipantStore newStore() {
        store = new InMemoryParticipantStore();
        return store;
    }

    @Override
    protected ParticipantStore anotherNode() {
        return store;
    }
}
