package org.remotesupport.signaling.session;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the changes to one session and the messages they send, so that all participants see
 * them in one order (a customer never gets {@code session.ended} before its {@code session.joined}).
 * A fixed set of striped locks: no per-session state to clean up. Callers hold at most one stripe at
 * a time and never call out to code that waits for another session's lock.
 */
public final class SessionLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public SessionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code action} while holding the lock of this session and returns its result. */
    public <T> T locked(String sessionId, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod(sessionId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} while holding the lock of this session. */
    public void locked(String sessionId, Runnable action) {
        locked(sessionId, () -> {
            action.run();
            return null;
        });
    }
}
