package org.remotesupport.signaling.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.remotesupport.signaling.journal.SessionJournal;

/**
 * A {@link SessionJournal} in Redis, so that every signaling node sees the same chat, notes,
 * snapshots, freeze and ending of a session: lists and strings of JSON under {@code
 * rs:journal:{sessionId}:*} (see {@link RedisKeys#journal}), each kept for the retention period
 * after its last change. Called from any thread.
 */
public final class RedisSessionJournal implements SessionJournal {

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Duration retention;
    private final RedisJson json = new RedisJson();

    public RedisSessionJournal(RedisConnections connections, RedisKeys keys, Duration retention) {
        this.redis = connections.commands();
        this.keys = keys;
        this.retention = retention;
    }

    @Override
    public void appendChat(String sessionId, ChatEntry entry, int keep) {
        append(keys.journal(sessionId, "chat"), json.write(entry), keep);
    }

    @Override
    public List<ChatEntry> chat(String sessionId) {
        return list(keys.journal(sessionId, "chat"), ChatEntry.class);
    }

    @Override
    public void addNote(String sessionId, Note note, int keep) {
        append(keys.journal(sessionId, "notes"), json.write(note), keep);
    }

    @Override
    public List<Note> notes(String sessionId) {
        return list(keys.journal(sessionId, "notes"), Note.class);
    }

    @Override
    public boolean addSnapshot(String sessionId, Snapshot snapshot, int max) {
        String key = keys.journal(sessionId, "snapshots");
        String value = json.write(snapshot);
        long length = redis.rpush(key, value);
        if (length > max) {
            // a push past the limit takes back exactly its own element, whatever others pushed since
            redis.lrem(key, -1, value);
            return false;
        }
        redis.pexpire(key, retention.toMillis());
        return true;
    }

    @Override
    public List<Snapshot> snapshots(String sessionId) {
        return list(keys.journal(sessionId, "snapshots"), Snapshot.class);
    }

    @Override
    public void setFrozen(String sessionId, Freeze freeze) {
        String key = keys.journal(sessionId, "frozen");
        if (freeze == null) {
            redis.del(key);
        } else {
            redis.set(key, json.write(freeze), SetArgs.Builder.px(retention.toMillis()));
        }
    }

    @Override
    public Optional<Freeze> frozen(String sessionId) {
        return Optional.ofNullable(redis.get(keys.journal(sessionId, "frozen"))).map(v -> json.read(v, Freeze.class));
    }

    @Override
    public void appendEvent(String sessionId, Event event, int keep) {
        append(keys.journal(sessionId, "events"), json.write(event), keep);
    }

    @Override
    public List<Event> events(String sessionId) {
        return list(keys.journal(sessionId, "events"), Event.class);
    }

    @Override
    public void ended(String sessionId, Ending ending) {
        if ("OK".equals(redis.set(keys.journal(sessionId, "ending"), json.write(ending),
                SetArgs.Builder.nx().px(retention.toMillis())))) {
            redis.del(keys.journal(sessionId, "frozen"));
        }
    }

    @Override
    public Optional<Ending> ending(String sessionId) {
        return Optional.ofNullable(redis.get(keys.journal(sessionId, "ending"))).map(v -> json.read(v, Ending.class));
    }

    private void append(String key, String value, int keep) {
        redis.rpush(key, value);
        redis.ltrim(key, -keep, -1);
        redis.pexpire(key, retention.toMillis());
    }

    private <T> List<T> list(String key, Class<T> type) {
        return redis.lrange(key, 0, -1).stream().map(v -> json.read(v, type)).toList();
    }
}
