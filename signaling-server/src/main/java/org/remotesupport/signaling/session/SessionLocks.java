package org.remotesupport.signaling.session;

import java.util.function.Supplier;

/**
 * Serialises the changes to one session and the messages they send, so that all participants see
 * them in one order (a customer never gets {@code session.ended} before its {@code session.joined}).
 * In-process for one node ({@link InMemorySessionLocks}); across nodes a lock in the shared store.
 * Locks are reentrant for the thread that holds them. Callers hold at most one session's lock at a
 * time and never call out to code that waits for another session's lock.
 */
public interface SessionLocks {

    /**
     * Runs {@code action} while holding the lock of this session and returns its result.
     *
     * @throws IllegalStateException if the lock could not be taken in time (another node holds it
     *         for too long or the shared store is unreachable); nothing was run then
     */
    <T> T locked(String sessionId, Supplier<T> action);

    /** Runs {@code action} while holding the lock of this session. */
    default void locked(String sessionId, Runnable action) {
        locked(sessionId, () -> {
            action.run();
            return null;
        });
    }
}
