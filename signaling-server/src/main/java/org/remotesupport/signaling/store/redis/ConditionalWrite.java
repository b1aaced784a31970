package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimistic transaction on Redis: a set of expected values (of string keys or hash fields) and
 * the writes to make if every one of them still holds, run as one Lua script, so that it applies completely or not at all and no
 * other client's command runs in between. Stores read the keys, compute the new values in Java and
 * retry from the read when {@link #apply} reports that something changed meanwhile. This keeps the
 * value formats (JSON of the stores' records) in Java, where the records are, while giving every
 * store method the atomicity of a single Redis command. Not thread-safe: build and apply on one thread.
 */
final class ConditionalWrite {

    // ARGV is a list of operations, each naming its key by its index in KEYS; all checks ("eq") run
    // before the first write, so a failed check leaves everything untouched
    private static final RedisScript SCRIPT = new RedisScript("""
            local arity = {eq = 2, heq = 3, set = 3, del = 1, hset = 3, hdel = 2, incr = 1, zseq = 3, zadd = 3,
              zrem = 2, pexpire = 2, zprune = 2}
            local i = 1
            while i <= #ARGV do
              local op = ARGV[i]
              if op == 'eq' then
                local current = redis.call('GET', KEYS[tonumber(ARGV[i + 1])])
                if (current or '') ~= ARGV[i + 2] then
                  return 0
                end
              elseif op == 'heq' then
                local current = redis.call('HGET', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2])
                if (current or '') ~= ARGV[i + 3] then
                  return 0
                end
              end
              i = i + 1 + arity[op]
            end
            i = 1
            while i <= #ARGV do
              local op = ARGV[i]
              local key = KEYS[tonumber(ARGV[i + 1])]
              if op == 'set' then
                if ARGV[i + 3] == '0' then
                  redis.call('SET', key, ARGV[i + 2])
                else
                  redis.call('SET', key, ARGV[i + 2], 'PX', ARGV[i + 3])
                end
              elseif op == 'del' then
                redis.call('DEL', key)
              elseif op == 'hset' then
                redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
              elseif op == 'hdel' then
                redis.call('HDEL', key, ARGV[i + 2])
              elseif op == 'incr' then
                redis.call('INCR', key)
              elseif op == 'zseq' then
                local score = redis.call('INCR', KEYS[tonumber(ARGV[i + 2])])
                redis.call('ZADD', key, score, ARGV[i + 3])
              elseif op == 'zadd' then
                redis.call('ZADD', key, ARGV[i + 2], ARGV[i + 3])
              elseif op == 'zrem' then
                redis.call('ZREM', key, ARGV[i + 2])
              elseif op == 'pexpire' then
                redis.call('PEXPIRE', key, ARGV[i + 2])
              elseif op == 'zprune' then
                redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[i + 2])
              end
              i = i + 1 + arity[op]
            end
            return 1
            """);

    private final Map<String, Integer> keys = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();

    /** Requires the key to hold exactly this string, or to be absent if {@code value} is null. */
    ConditionalWrite expect(String key, String value) {
        return op("eq", key, value == null ? "" : value);
    }

    /** Requires the hash field to hold exactly this string, or to be absent if {@code value} is null. */
    ConditionalWrite expectField(String hash, String field, String value) {
        return op("heq", hash, field, value == null ? "" : value);
    }

    ConditionalWrite setField(String hash, String field, String value) {
        return op("hset", hash, field, value);
    }

    ConditionalWrite deleteField(String hash, String field) {
        return op("hdel", hash, field);
    }

    /** Adds one to an integer string (a version counter). */
    ConditionalWrite increment(String key) {
        return op("incr", key);
    }

    /** Sets a string value; a zero or negative TTL means none. */
    ConditionalWrite set(String key, String value, Duration ttl) {
        return op("set", key, value, String.valueOf(Math.max(0, ttl.toMillis())));
    }

    ConditionalWrite delete(String key) {
        return op("del", key);
    }

    /** Adds a member to a sorted set, scored by the next value of a counter so that members sort by insertion. */
    ConditionalWrite addInOrder(String sortedSet, String counter, String member) {
        args.add("zseq");
        args.add(index(sortedSet));
        args.add(index(counter));
        args.add(member);
        return this;
    }

    ConditionalWrite add(String sortedSet, long score, String member) {
        return op("zadd", sortedSet, String.valueOf(score), member);
    }

    ConditionalWrite remove(String sortedSet, String member) {
        return op("zrem", sortedSet, member);
    }

    /** Removes the members of a sorted set scored at most {@code maxScore}. */
    ConditionalWrite prune(String sortedSet, long maxScore) {
        return op("zprune", sortedSet, String.valueOf(maxScore));
    }

    ConditionalWrite expire(String key, Duration ttl) {
        return op("pexpire", key, String.valueOf(Math.max(1, ttl.toMillis())));
    }

    /** Runs the transaction; true if every expectation held and the writes were made. */
    boolean apply(RedisCommands<String, String> commands) {
        Long applied = SCRIPT.run(commands, ScriptOutputType.INTEGER, keys.keySet().toArray(String[]::new),
                args.toArray(String[]::new));
        return applied != null && applied == 1L;
    }

    private ConditionalWrite op(String name, String key, String... values) {
        args.add(name);
        args.add(index(key));
        args.addAll(List.of(values));
        return this;
    }

    private String index(String key) {
        // Lua indexes KEYS from 1
        return String.valueOf(keys.computeIfAbsent(key, k -> keys.size() + 1));
    }
}
