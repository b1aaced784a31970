package org.remotesupport.signaling.session;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link SessionLocks} within this process, for a single signaling node: a fixed set of striped
 * reentrant locks, so there is no per-session state to clean up. Callers hold at most one stripe at
 * a time and never call out to code that waits for another session's lock.
 */
public final class InMemorySessionLocks implements SessionLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public InMemorySessionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public <T> T locked(String sessionId, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod(sessionId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
