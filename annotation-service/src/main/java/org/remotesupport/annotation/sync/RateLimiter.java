package org.remotesupport.annotation.sync;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code perSecond} saved up. Time comes
 * from a nanosecond clock passed in. Not thread-safe: one per connection, used under its lock.
 */
public final class RateLimiter {

    private final double perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    public RateLimiter(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Takes a token if there is one. */
    public boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
