package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.remotesupport.signaling.session.SessionLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionLocks} shared by every signaling node: the lock of a session is the Redis key
 * {@code rs:lock:session:{id}}, taken with {@code SET NX PX} holding a random token and released by
 * a script that deletes it only if it still holds that token. A node that dies holding a lock loses it
 * after {@code lockTtl}, which is far longer than any change under the lock takes (a few Redis round
 * trips and a relay call); a holder that overruns it is logged. A thread that waits polls with a
 * short, growing pause up to {@code lockWait} and then fails the change. Reentrant per thread.
 *
 * <p>Hand-written rather than taken from a library: the one Lettuce-based lock library (Redisson)
 * brings its own Redis client, and the lock needs only these two commands.
 */
public final class RedisSessionLocks implements SessionLocks {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionLocks.class);
    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Held(String token, int depth) {
    }

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final Duration wait;
    private final RandomGenerator random;
    private final ThreadLocal<Map<String, Held>> held = ThreadLocal.withInitial(HashMap::new);

    public RedisSessionLocks(RedisConnections connections, RedisKeys keys, Duration ttl, Duration wait,
                             RandomGenerator random) {
        this.redis = connections.commands();
        this.keys = keys;
        this.ttl = ttl;
        this.wait = wait;
        this.random = random;
    }

    @Override
    public <T> T locked(String sessionId, Supplier<T> action) {
        Map<String, Held> mine = held.get();
        Held current = mine.get(sessionId);
        if (current != null) {
            mine.put(sessionId, new Held(current.token(), current.depth() + 1));
            try {
                return action.get();
            } finally {
                mine.put(sessionId, current);
            }
        }
        String key = keys.sessionLock(sessionId);
        String token = newToken();
        acquire(key, token, sessionId);
        long start = System.nanoTime();
        mine.put(sessionId, new Held(token, 1));
        try {
            return action.get();
        } finally {
            mine.remove(sessionId);
            release(key, token, sessionId, System.nanoTime() - start);
        }
    }

    private void acquire(String key, String token, String sessionId) {
        SetArgs args = SetArgs.Builder.nx().px(ttl.toMillis());
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!"OK".equals(redis.set(key, token, args))) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("session " + sessionId + " stayed locked for " + wait.toMillis() + " ms");
            }
            // a lock is held for a few milliseconds: back off briefly, then retry
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the lock of session " + sessionId);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private void release(String key, String token, String sessionId, long heldNanos) {
        try {
            Long released = RELEASE.run(redis, ScriptOutputType.INTEGER, new String[] {key}, token);
            if (released == null || released == 0L) {
                log.warn("the lock of session {} had expired after {} ms, before its holder was done",
                        sessionId, TimeUnit.NANOSECONDS.toMillis(heldNanos));
            }
        } catch (RuntimeException e) {
            // the lock expires by itself; the change it guarded is done
            log.warn("could not release the lock of session {}: {}", sessionId, e.toString());
        }
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
