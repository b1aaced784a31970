package org.remotesupport.signaling.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.remotesupport.signaling.queue.Offer;
import org.remotesupport.signaling.queue.QueueEntry;
import org.remotesupport.signaling.queue.QueueStore;

/**
 * A {@link QueueStore} in Redis, shared by every signaling node: the hash {@code rs:queue} maps each
 * ticket id to its entry as JSON, {@code rs:queue:lang:{language}} holds a copy of the entries of one
 * language (the matching engine asks for those of an agent's languages only), {@code rs:queue:ringing}
 * indexes the ringing entries by offer expiry, {@code rs:queue:version} counts the changes and
 * {@code rs:queue:handling-times} keeps the most recent handling times. Every change is one optimistic
 * step ({@link JsonHash}) that moves the copy, the index and the version in the same script, so of two agents claiming one customer on any nodes exactly one gets the entry. Listing the
 * queue, or one language of it, is one {@code HVALS} (the whole queue on the bulk connection). Called from any thread.
 */
public final class RedisQueueStore implements QueueStore {

    /** How many handling times are kept, as in memory. */
    static final int HANDLING_TIMES_KEPT = 100;

    private static final RedisScript RECORD_HANDLING_TIME = new RedisScript("""
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            return 1
            """);

    private final RedisCommands<String, String> redis;
    private final RedisCommands<String, String> bulk;
    private final RedisKeys keys;
    private final RedisJson json = new RedisJson();
    private final JsonHash<QueueEntry> entries;

    public RedisQueueStore(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.bulk = connections.bulkCommands();
        this.keys = keys;
        this.entries = new JsonHash<>(redis, keys.queue(), QueueEntry.class, json);
    }

    @Override
    public QueueEntry add(QueueEntry entry) {
        QueueEntry[] existing = new QueueEntry[1];
        Optional<QueueEntry> added = entries.update(entry.ticketId(), stored -> {
            existing[0] = stored;
            return stored == null ? entry : null;
        }, this::written);
        return added.orElseGet(() -> existing[0]);
    }

    @Override
    public Optional<QueueEntry> find(String ticketId) {
        return entries.get(ticketId);
    }

    @Override
    public List<QueueEntry> entries() {
        // thousands of entries are megabytes: read on the bulk connection, out of the way of the joins
        // and offers on the shared one
        return bulk.hvals(keys.queue()).stream().map(v -> json.read(v, QueueEntry.class)).toList();
    }

    @Override
    public List<QueueEntry> entries(String language) {
        return entries.all(keys.queueByLanguage(language));
    }

    @Override
    public int size() {
        return Math.toIntExact(entries.size());
    }

    @Override
    public long version() {
        String version = redis.get(keys.queueVersion());
        return version == null ? 0 : Long.parseLong(version);
    }

    @Override
    public Optional<QueueEntry> rebind(String ticketId, String participantId, boolean connected) {
        return change(ticketId, e -> e.withConnection(participantId, connected));
    }

    @Override
    public Optional<QueueEntry> reserve(String ticketId, Offer offer) {
        return change(ticketId, e -> e.offerable() ? e.withOffer(offer) : null);
    }

    @Override
    public Optional<QueueEntry> release(String ticketId, String offerId, boolean declined) {
        return change(ticketId, e -> e.ringing(offerId) ? e.withoutOffer(declined) : null);
    }

    @Override
    public Optional<QueueEntry> claim(String ticketId, String offerId) {
        return entries.removeIf(ticketId, e -> e.ringing(offerId), this::removed);
    }

    @Override
    public Optional<QueueEntry> remove(String ticketId) {
        return entries.removeIf(ticketId, e -> true, this::removed);
    }

    @Override
    public List<QueueEntry> ringingExpired(Instant now) {
        // every node's sweep asks this each second: the index of ringing entries by expiry answers it
        // without reading the whole queue
        List<String> due = redis.zrangebyscore(keys.queueRinging(), Range.create(Double.NEGATIVE_INFINITY,
                (double) now.toEpochMilli()));
        if (due.isEmpty()) {
            return List.of();
        }
        return entries.get(due).stream().filter(e -> e.offer() != null && e.offer().expiredAt(now)).toList();
    }

    @Override
    public void recordHandlingTime(Duration handlingTime) {
        RECORD_HANDLING_TIME.run(redis, ScriptOutputType.INTEGER, new String[] {keys.handlingTimes()},
                String.valueOf(handlingTime.toMillis()), String.valueOf(HANDLING_TIMES_KEPT));
    }

    @Override
    public List<Duration> recentHandlingTimes(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return redis.lrange(keys.handlingTimes(), 0, limit - 1L).stream()
                .map(millis -> Duration.ofMillis(Long.parseLong(millis)))
                .toList();
    }

    private Optional<QueueEntry> change(String ticketId, UnaryOperator<QueueEntry> change) {
        return entries.update(ticketId, e -> e == null ? null : change.apply(e), this::written);
    }

    // the copy in the language's hash and the version move in the same script as the entry itself
    private void written(ConditionalWrite write, QueueEntry entry) {
        write.setField(keys.queueByLanguage(entry.ticket().language()), entry.ticketId(), json.write(entry))
                .increment(keys.queueVersion());
        if (entry.offer() != null) {
            write.add(keys.queueRinging(), entry.offer().expiresAt().toEpochMilli(), entry.ticketId());
        } else {
            write.remove(keys.queueRinging(), entry.ticketId());
        }
    }

    private void removed(ConditionalWrite write, QueueEntry entry) {
        write.deleteField(keys.queueByLanguage(entry.ticket().language()), entry.ticketId())
                .increment(keys.queueVersion())
                .remove(keys.queueRinging(), entry.ticketId());
    }
}
