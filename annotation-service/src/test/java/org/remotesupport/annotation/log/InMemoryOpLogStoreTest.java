package org.remotesupport.annotation.log;

class InMemoryOpLogStoreTest extends OpLogStoreContract {

    private final InMemoryOpLogStore store = new InMemoryOpLogStore();

    @Override
    OpLogStore store() {
        return store;
    }
}
