package org.remotesupport.signaling.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.remotesupport.signaling.session.ParticipantRecord;
import org.remotesupport.signaling.session.ParticipantStore;

/**
 * A {@link ParticipantStore} in Redis, shared by every signaling node, so that a dropped connection
 * can resume on any node: {@code rs:participant:{id}:record} holds the record as JSON,
 * {@code rs:resume:{tokenHash}} the participant id its current resume token stands for, and the sorted
 * set {@code rs:participants:dropped} the dropped participants by the end of their grace. Every
 * change is one optimistic step that checks the record (and the token) it read and moves the token
 * index and the dropped set along in the same script, so of two connections resuming with one token
 * on two nodes exactly one gets the participant. Records live for {@code ttl} after their last
 * change, so that those of nodes that crashed go away. Called from any thread.
 */
public final class RedisParticipantStore implements ParticipantStore {

    private static final int ATTEMPTS = 64;

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final RedisJson json = new RedisJson();

    public RedisParticipantStore(RedisConnections connections, RedisKeys keys, Duration ttl) {
        this.redis = connections.commands();
        this.keys = keys;
        this.ttl = ttl;
    }

    @Override
    public void put(ParticipantRecord record) {
        String key = keys.participantRecord(record.participantId());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.get(key);
            ConditionalWrite write = new ConditionalWrite().expect(key, stored);
            if (stored != null) {
                write.delete(keys.resumeToken(json.read(stored, ParticipantRecord.class).resumeTokenHash()));
            }
            write.set(key, json.write(record), ttl)
                    .set(keys.resumeToken(record.resumeTokenHash()), record.participantId(), ttl)
                    .remove(keys.droppedParticipants(), record.participantId());
            if (write.apply(redis)) {
                return;
            }
        }
        throw contention(record.participantId());
    }

    @Override
    public Optional<ParticipantRecord> find(String participantId) {
        return Optional.ofNullable(redis.get(keys.participantRecord(participantId)))
                .map(v -> json.read(v, ParticipantRecord.class));
    }

    @Override
    public Optional<ParticipantRecord> resume(String tokenHash, String connectionId, String newTokenHash, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String participantId = redis.get(keys.resumeToken(tokenHash));
            if (participantId == null) {
                return Optional.empty();
            }
            String key = keys.participantRecord(participantId);
            String stored = redis.get(key);
            if (stored == null) {
                return Optional.empty();
            }
            ParticipantRecord before = json.read(stored, ParticipantRecord.class);
            if (!before.resumeTokenHash().equals(tokenHash) || !before.resumableAt(now)) {
                return Optional.empty();
            }
            ParticipantRecord resumed = ParticipantRecord.connected(before.member(), newTokenHash, connectionId);
            ConditionalWrite write = new ConditionalWrite()
                    .expect(keys.resumeToken(tokenHash), participantId)
                    .expect(key, stored)
                    .delete(keys.resumeToken(tokenHash))
                    .set(keys.resumeToken(newTokenHash), participantId, ttl)
                    .set(key, json.write(resumed), ttl)
                    .remove(keys.droppedParticipants(), participantId);
            if (write.apply(redis)) {
                return Optional.of(before);
            }
        }
        throw contention(tokenHash);
    }

    @Override
    public Optional<ParticipantRecord> disconnect(String participantId, String connectionId, Instant now,
                                                  Instant graceUntil) {
        String key = keys.participantRecord(participantId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.get(key);
            if (stored == null) {
                return Optional.empty();
            }
            ParticipantRecord record = json.read(stored, ParticipantRecord.class);
            if (!record.isConnected() || !record.connectionId().equals(connectionId)) {
                return Optional.empty();
            }
            ParticipantRecord dropped = new ParticipantRecord(record.member(), record.resumeTokenHash(), connectionId,
                    now, graceUntil);
            ConditionalWrite write = new ConditionalWrite()
                    .expect(key, stored)
                    .set(key, json.write(dropped), ttl)
                    .expire(keys.resumeToken(record.resumeTokenHash()), ttl)
                    .add(keys.droppedParticipants(), graceUntil.toEpochMilli(), participantId);
            if (write.apply(redis)) {
                return Optional.of(dropped);
            }
        }
        throw contention(participantId);
    }

    @Override
    public List<ParticipantRecord> expired(Instant now) {
        List<String> ids = redis.zrangebyscore(keys.droppedParticipants(),
                Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()));
        List<ParticipantRecord> expired = new ArrayList<>();
        for (String id : ids) {
            find(id).filter(r -> !r.resumableAt(now)).ifPresentOrElse(expired::add,
                    // the record expired by its TTL, or resumed meanwhile: nothing to sweep
                    () -> redis.zrem(keys.droppedParticipants(), id));
        }
        return expired;
    }

    @Override
    public Optional<ParticipantRecord> removeIfExpired(String participantId, Instant now) {
        return removeIf(participantId, r -> !r.resumableAt(now));
    }

    @Override
    public Optional<ParticipantRecord> remove(String participantId) {
        return removeIf(participantId, r -> true);
    }

    private Optional<ParticipantRecord> removeIf(String participantId, Predicate<ParticipantRecord> condition) {
        String key = keys.participantRecord(participantId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = redis.get(key);
            if (stored == null) {
                return Optional.empty();
            }
            ParticipantRecord record = json.read(stored, ParticipantRecord.class);
            if (!condition.test(record)) {
                return Optional.empty();
            }
            ConditionalWrite write = new ConditionalWrite()
                    .expect(key, stored)
                    .delete(key)
                    .delete(keys.resumeToken(record.resumeTokenHash()))
                    .remove(keys.droppedParticipants(), participantId);
            if (write.apply(redis)) {
                return Optional.of(record);
            }
        }
        throw contention(participantId);
    }

    private static IllegalStateException contention(String key) {
        return new IllegalStateException("participant " + key + " kept conflicting with other writers");
    }
}
