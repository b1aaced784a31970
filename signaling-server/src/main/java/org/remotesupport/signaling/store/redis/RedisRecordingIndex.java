package org.remotesupport.signaling.store.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.remotesupport.signaling.recording.RecordingQuery;

/**
 * A {@link RecordingIndex} in Redis: each entry as JSON under its own key, ordered by start time in
 * one sorted set (searches walk it newest first, within the date range, and filter the other
 * fields) and by end time in another (the retention purge). Entries are written by one node at a
 * time (the node recording the session), so plain writes suffice. Called from any thread.
 */
public final class RedisRecordingIndex implements RecordingIndex {

    // entries read per round trip while a search filters
    private static final int PAGE = 200;

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final RedisJson json = new RedisJson();

    public RedisRecordingIndex(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.keys = keys;
    }

    @Override
    public void save(RecordingEntry entry) {
        redis.set(keys.recording(entry.recordingId()), json.write(entry));
        redis.zadd(keys.recordingsByStart(), entry.startedAt().toEpochMilli(), entry.recordingId());
        if (entry.endedAt() != null) {
            redis.zadd(keys.recordingsByEnd(), entry.endedAt().toEpochMilli(), entry.recordingId());
        }
    }

    @Override
    public Optional<RecordingEntry> find(String recordingId) {
        String value = redis.get(keys.recording(recordingId));
        return value == null ? Optional.empty() : Optional.of(json.read(value, RecordingEntry.class));
    }

    @Override
    public List<RecordingEntry> search(RecordingQuery query) {
        Range<Long> range = Range.create(query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli(),
                query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli() - 1);
        List<RecordingEntry> found = new ArrayList<>();
        long offset = 0;
        while (found.size() < query.limit()) {
            List<String> ids = redis.zrevrangebyscore(keys.recordingsByStart(), range, Limit.create(offset, PAGE));
            if (ids.isEmpty()) {
                break;
            }
            offset += ids.size();
            for (RecordingEntry entry : load(ids)) {
                if (query.matches(entry) && found.size() < query.limit()) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    @Override
    public List<RecordingEntry> ofSession(String sessionId) {
        List<RecordingEntry> all = new ArrayList<>(search(new RecordingQuery(null, null, null, null, null, sessionId,
                null, null, RecordingQuery.MAX_LIMIT)));
        java.util.Collections.reverse(all);
        return all;
    }

    @Override
    public List<RecordingEntry> endedBefore(Instant cutoff, int limit) {
        List<String> ids = redis.zrangebyscore(keys.recordingsByEnd(),
                Range.create(Long.MIN_VALUE, cutoff.toEpochMilli() - 1), Limit.create(0, limit));
        return load(ids);
    }

    @Override
    public boolean delete(String recordingId) {
        long removed = redis.del(keys.recording(recordingId));
        redis.zrem(keys.recordingsByStart(), recordingId);
        redis.zrem(keys.recordingsByEnd(), recordingId);
        return removed > 0;
    }

    private List<RecordingEntry> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<RecordingEntry> entries = new ArrayList<>();
        var values = redis.mget(ids.stream().map(keys::recording).toArray(String[]::new));
        for (var value : values) {
            if (value.hasValue()) {
                entries.add(json.read(value.getValue(), RecordingEntry.class));
            }
        }
        return entries;
    }
}
