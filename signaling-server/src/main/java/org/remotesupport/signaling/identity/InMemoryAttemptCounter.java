package org.remotesupport.signaling.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AttemptCounter} in this process's memory, for a single node. Keys are chosen by whoever
 * sends requests, so windows that closed are dropped now and then, keeping the map as small as the
 * attempts of one window. Thread-safe.
 */
public final class InMemoryAttemptCounter implements AttemptCounter {

    /** Above this many keys, closed windows are swept out (at most once a second). */
    private static final int SWEEP_ABOVE = 1_000;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    public InMemoryAttemptCounter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Window record(String key, Duration window) {
        Instant now = clock.instant();
        sweep(now);
        return windows.compute(key, (k, open) -> open == null || !open.endsAt().isAfter(now)
                ? new Window(1, now.plus(window))
                : new Window(open.attempts() + 1, open.endsAt()));
    }

    @Override
    public Optional<Window> current(String key) {
        Instant now = clock.instant();
        return Optional.ofNullable(windows.get(key)).filter(w -> w.endsAt().isAfter(now));
    }

    @Override
    public void forgive(String key) {
        windows.computeIfPresent(key, (k, open) -> open.attempts() <= 1 ? null
                : new Window(open.attempts() - 1, open.endsAt()));
    }

    @Override
    public void reset(String key) {
        windows.remove(key);
    }

    private void sweep(Instant now) {
        long last = lastSweep.get();
        if (windows.size() > SWEEP_ABOVE && now.toEpochMilli() - last >= 1000
                && lastSweep.compareAndSet(last, now.toEpochMilli())) {
            windows.values().removeIf(w -> !w.endsAt().isAfter(now));
        }
    }
}
