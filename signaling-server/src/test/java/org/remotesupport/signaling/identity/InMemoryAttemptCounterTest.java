package org.remotesupport.signaling.identity;

import java.time.Clock;

/** The attempt counter contract against the in-memory counter of a single node. */
class InMemoryAttemptCounterTest extends AttemptCounterContract {

    private InMemoryAttemptCounter counter;

    @Override
    protected AttemptCounter newCounter() {
        counter = new InMemoryAttemptCounter(Clock.systemUTC());
        return counter;
    }

    @Override
    protected AttemptCounter anotherNode() {
        return counter;
    }
}
