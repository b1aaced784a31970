package org.remotesupport.signaling.store.redis;

import io.lettuce.core.KeyValue;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Records of one type kept as JSON in the fields of one Redis hash, with the optimistic change that
 * every store method needs: read the field, let Java decide the new value (or refuse), write it with
 * a {@link ConditionalWrite} that applies only if the field still holds what was read, and start over
 * if it does not. One hash keeps listing every record one command ({@code HVALS}). Thread-safe.
 */
final class JsonHash<T> {

    // a conflict needs another writer on the same record between our read and our write; running
    // out of attempts means something keeps rewriting it, which no store method does
    private static final int ATTEMPTS = 64;

    private final RedisCommands<String, String> redis;
    private final String key;
    private final Class<T> type;
    private final RedisJson json;

    JsonHash(RedisCommands<String, String> redis, String key, Class<T> type, RedisJson json) {
        this.redis = redis;
        this.key = key;
        this.type = type;
        this.json = json;
    }

    Optional<T> get(String field) {
        return Optional.ofNullable(redis.hget(key, field)).map(v -> json.read(v, type));
    }

    /** The records of these fields that exist, in one {@code HMGET}. */
    List<T> get(List<String> fields) {
        return redis.hmget(key, fields.toArray(String[]::new)).stream()
                .filter(KeyValue::hasValue)
                .map(kv -> json.read(kv.getValue(), type))
                .toList();
    }

    List<T> all() {
        return all(key);
    }

    /** The records of another hash that holds the same type (an index kept alongside this one). */
    List<T> all(String otherKey) {
        return redis.hvals(otherKey).stream().map(v -> json.read(v, type)).toList();
    }

    long size() {
        Long size = redis.hlen(key);
        return size == null ? 0 : size;
    }

    /**
     * Changes a record: {@code change} gets the stored record (null if there is none) and returns the new
     * one, or null to refuse; {@code alongside} adds writes for the new record to the same transaction.
     * Returns the record written, or empty if the change was refused.
     */
    Optional<T> update(String field, UnaryOperator<T> change, BiConsumer<ConditionalWrite, T> alongside) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.hget(key, field);
            T next = change.apply(stored == null ? null : json.read(stored, type));
            if (next == null) {
                return Optional.empty();
            }
            ConditionalWrite write = new ConditionalWrite()
                    .expectField(key, field, stored)
                    .setField(key, field, json.write(next));
            alongside.accept(write, next);
            if (write.apply(redis)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("change of " + key + " " + field + " kept conflicting with other writers");
    }

    /**
     * Removes a record if {@code condition} accepts it; {@code alongside} adds writes for the removed
     * record to the same transaction. Returns the removed record, or empty if there was none or it was
     * not accepted.
     */
    Optional<T> removeIf(String field, Predicate<T> condition, BiConsumer<ConditionalWrite, T> alongside) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.hget(key, field);
            if (stored == null) {
                return Optional.empty();
            }
            T record = json.read(stored, type);
            if (!condition.test(record)) {
                return Optional.empty();
            }
            ConditionalWrite write = new ConditionalWrite()
                    .expectField(key, field, stored)
                    .deleteField(key, field);
            alongside.accept(write, record);
            if (write.apply(redis)) {
                return Optional.of(record);
            }
        }
        throw new IllegalStateException("removal of " + key + " " + field + " kept conflicting with other writers");
    }
}
