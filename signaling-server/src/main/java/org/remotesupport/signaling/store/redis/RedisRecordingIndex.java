package org.remotesupport.signaling.store.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.remotesupport.signaling.recording.RecordingNote;
import org.remotesupport.signaling.recording.RecordingQuery;

/**
 * A {@link RecordingIndex} in Redis: each entry as JSON under its own key, ordered by start time in
 * one sorted set (searches walk it newest first, within the date range, and filter the other
 * fields) and by end time in another (the retention purge). The library's tags (a JSON array) and
 * notes (a list) have keys of their own beside the entry, so that the recording node rewriting its
 * entry never undoes a supervisor's tag or note; scripts change them only while the entry exists and
 * read an entry with them in one step. Entries are written by one node at a time (the node recording
 * the session), so plain writes suffice for them. Called from any thread.
 */
public final class RedisRecordingIndex implements RecordingIndex {

    // entries read per round trip while a search filters
    private static final int PAGE = 200;
    private static final TypeReference<List<String>> TAG_LIST = new TypeReference<>() { };

    private static final RedisScript SET_TAGS = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SET', KEYS[2], ARGV[1])
            return 1""");

    // -1: no entry, -2: full, else the number of notes now held
    private static final RedisScript ADD_NOTE = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[2]) then return -2 end
            return redis.call('RPUSH', KEYS[2], ARGV[1])""");

    // KEYS: entry, tags, notes of each recording in turn; answers {entry, tags, {notes...}} for each
    private static final RedisScript LOAD = new RedisScript("""
            local out = {}
            for i = 1, #KEYS, 3 do
              out[#out + 1] = {redis.call('GET', KEYS[i]), redis.call('GET', KEYS[i + 1]),
                               redis.call('LRANGE', KEYS[i + 2], 0, -1)}
            end
            return out""");

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final RedisJson json = new RedisJson();

    public RedisRecordingIndex(RedisConnections connections, RedisKeys keys) {
        this.redis = connections.commands();
        this.keys = keys;
    }

    @Override
    public void save(RecordingEntry entry) {
        // the tags and notes live under their own keys; the entry's JSON holds the recorded facts only
        redis.set(keys.recording(entry.recordingId()), json.write(entry.withLibrary(List.of(), List.of())));
        redis.zadd(keys.recordingsByStart(), entry.startedAt().toEpochMilli(), entry.recordingId());
        if (entry.endedAt() != null) {
            redis.zadd(keys.recordingsByEnd(), entry.endedAt().toEpochMilli(), entry.recordingId());
        }
    }

    @Override
    public Optional<RecordingEntry> find(String recordingId) {
        List<RecordingEntry> found = load(List.of(recordingId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
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
        long removed = redis.del(keys.recording(recordingId), keys.recordingTags(recordingId),
                keys.recordingNotes(recordingId));
        redis.zrem(keys.recordingsByStart(), recordingId);
        redis.zrem(keys.recordingsByEnd(), recordingId);
        return removed > 0;
    }

    @Override
    public boolean setTags(String recordingId, List<String> tags) {
        Long set = SET_TAGS.run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.recording(recordingId), keys.recordingTags(recordingId)}, json.write(tags));
        return set != null && set == 1;
    }

    @Override
    public NoteAdded addNote(String recordingId, RecordingNote note, int maxNotes) {
        Long result = ADD_NOTE.run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.recording(recordingId), keys.recordingNotes(recordingId)}, json.write(note),
                Integer.toString(maxNotes));
        if (result == null || result == -1) {
            return NoteAdded.NO_RECORDING;
        }
        return result == -2 ? NoteAdded.FULL : NoteAdded.ADDED;
    }

    @Override
    public void forEach(Consumer<RecordingEntry> visitor) {
        long offset = 0;
        while (true) {
            List<String> ids = redis.zrangebyscore(keys.recordingsByStart(),
                    Range.create(Long.MIN_VALUE, Long.MAX_VALUE), Limit.create(offset, PAGE));
            if (ids.isEmpty()) {
                return;
            }
            offset += ids.size();
            load(ids).forEach(visitor);
        }
    }

    private List<RecordingEntry> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] loadKeys = new String[ids.size() * 3];
        for (int i = 0; i < ids.size(); i++) {
            loadKeys[3 * i] = keys.recording(ids.get(i));
            loadKeys[3 * i + 1] = keys.recordingTags(ids.get(i));
            loadKeys[3 * i + 2] = keys.recordingNotes(ids.get(i));
        }
        List<Object> rows = LOAD.run(redis, ScriptOutputType.MULTI, loadKeys);
        List<RecordingEntry> entries = new ArrayList<>();
        for (Object row : rows) {
            List<?> parts = (List<?>) row;
            if (parts.get(0) == null) {
                continue;
            }
            RecordingEntry entry = json.read((String) parts.get(0), RecordingEntry.class);
            List<String> tags = parts.get(1) == null ? List.of() : json.read((String) parts.get(1), TAG_LIST);
            List<RecordingNote> notes = new ArrayList<>();
            for (Object note : (List<?>) parts.get(2)) {
                notes.add(json.read((String) note, RecordingNote.class));
            }
            entries.add(entry.withLibrary(tags, notes));
        }
        return entries;
    }
}
