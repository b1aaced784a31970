package org.remotesupport.signaling.cluster;

/** The bus contract against the in-process bus of a single node. */
class InMemoryMessageBusTest extends MessageBusContract {

    private InMemoryMessageBus bus;

    @Override
    protected MessageBus newBus() {
        bus = new InMemoryMessageBus();
        return bus;
    }

    @Override
    protected MessageBus anotherNode() {
        return bus;
    }
}
