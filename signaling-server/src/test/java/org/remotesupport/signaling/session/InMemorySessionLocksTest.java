package org.remotesupport.signaling.session;

/** The lock contract against the in-process locks of a single node. */
class InMemorySessionLocksTest extends SessionLocksContract {

    private InMemorySessionLocks locks;

    @Override
    protected SessionLocks newLocks() {
        locks = new InMemorySessionLocks();
        return locks;
    }

    @Override
    protected SessionLocks anotherNode() {
        return locks;
    }
}
