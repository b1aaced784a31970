package org.remotesupport.signaling.session;

/** The registry contract against the in-memory registry of a single node. */
class InMemorySessionRegistryTest extends SessionRegistryContract {

    private InMemorySessionRegistry registry;

    @Override
    protected SessionRegistry newRegistry() {
        registry = new InMemorySessionRegistry();
        return registry;
    }

    @Override
    protected SessionRegistry anotherNode() {
        return registry;
    }
}
