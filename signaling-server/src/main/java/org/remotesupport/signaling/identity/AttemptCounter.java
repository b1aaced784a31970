package org.remotesupport.signaling.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts attempts per key (a failed sign-in for a username, a help page submission from an address)
 * in fixed windows that open with a key's first attempt, shared by every signaling node so that a
 * limit holds however the load balancer spreads the requests. Every method is one atomic step on the
 * store and may be called from any thread.
 */
public interface AttemptCounter {

    /** A key's attempts in its current window, and when that window closes (then the count starts again). */
    record Window(long attempts, Instant endsAt) {
    }

    /**
     * Counts one attempt: in the key's open window, or in a new one of length {@code window} that
     * opens now.
     *
     * @return the window with this attempt counted
     */
    Window record(String key, Duration window);

    /** The key's open window, if it has one, without counting anything. */
    Optional<Window> current(String key);

    /** Takes one attempt back from the key's open window, if it has one (e.g. an address whose sign-in succeeded). */
    void forgive(String key);

    /** Forgets the key's attempts (e.g. a username after a successful sign-in). */
    void reset(String key);
}
