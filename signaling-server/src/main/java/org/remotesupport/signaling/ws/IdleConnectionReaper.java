package org.remotesupport.signaling.ws;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes connections that sent no complete message for longer than the idle timeout, so that dead
 * clients (a phone that lost coverage) release their sessions and relay endpoints. Runs on the
 * scheduler it is given, which it shuts down on {@link #close}; time comes from a monotonic source.
 */
final class IdleConnectionReaper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleConnectionReaper.class);

    static final CloseStatus IDLE = new CloseStatus(4000, "idle timeout");

    private final Connections connections;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;

    IdleConnectionReaper(Connections connections, Duration idleTimeout, LongSupplier nanoTime,
                         ScheduledExecutorService scheduler) {
        this.connections = connections;
        this.idleNanos = idleTimeout.toNanos();
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
    }

    void start() {
        // a quarter of the timeout keeps the overshoot small without sweeping needlessly often
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(idleNanos / 4, TimeUnit.SECONDS.toNanos(5)));
        scheduler.scheduleAtFixedRate(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again
                log.warn("idle sweep failed", e);
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    void sweep() {
        long now = nanoTime.getAsLong();
        for (Connection connection : connections.snapshot()) {
            if (now - connection.lastHeardNanos() > idleNanos) {
                connection.close(IDLE);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
