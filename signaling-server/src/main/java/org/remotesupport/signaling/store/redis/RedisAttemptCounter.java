package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.remotesupport.signaling.identity.AttemptCounter;

/**
 * An {@link AttemptCounter} in Redis, shared by every signaling node: each key is a counter
 * {@code rs:attempts:{key}} that expires when its window closes (Redis's own expiry, so nothing has
 * to sweep it). Counting is one script (increment, and on the first attempt set the expiry), so
 * attempts on several nodes at once are all counted. A window's end is this node's clock plus the
 * time Redis says the counter has left. Called from any thread.
 */
public final class RedisAttemptCounter implements AttemptCounter {

    private static final RedisScript RECORD = new RedisScript("""
            local n = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if n == 1 or ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {n, ttl}
            """);
    private static final RedisScript CURRENT = new RedisScript("""
            local n = redis.call('GET', KEYS[1])
            if not n then
              return {0, -2}
            end
            return {tonumber(n), redis.call('PTTL', KEYS[1])}
            """);
    private static final RedisScript FORGIVE = new RedisScript("""
            local n = redis.call('GET', KEYS[1])
            if not n then
              return 0
            end
            if tonumber(n) <= 1 then
              redis.call('DEL', KEYS[1])
            else
              redis.call('DECR', KEYS[1])
            end
            return 1
            """);

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisAttemptCounter(RedisConnections connections, RedisKeys keys, Clock clock) {
        this.redis = connections.commands();
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Window record(String key, Duration window) {
        List<Long> reply = RECORD.run(redis, ScriptOutputType.MULTI, new String[] {keys.attempts(key)},
                String.valueOf(Math.max(1, window.toMillis())));
        return new Window(reply.get(0), clock.instant().plusMillis(reply.get(1)));
    }

    @Override
    public Optional<Window> current(String key) {
        List<Long> reply = CURRENT.run(redis, ScriptOutputType.MULTI, new String[] {keys.attempts(key)});
        long ttl = reply.get(1);
        if (reply.get(0) == 0 || ttl <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Window(reply.get(0), clock.instant().plusMillis(ttl)));
    }

    @Override
    public void forgive(String key) {
        FORGIVE.run(redis, ScriptOutputType.INTEGER, new String[] {keys.attempts(key)});
    }

    @Override
    public void reset(String key) {
        redis.del(keys.attempts(key));
    }
}
