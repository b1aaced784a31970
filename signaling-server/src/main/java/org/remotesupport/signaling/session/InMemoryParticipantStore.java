package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ParticipantStore} in this process's memory, for a single signaling node. Thread-safe:
 * one monitor guards the records and the token index so that they always agree.
 */
public final class InMemoryParticipantStore implements ParticipantStore {

    private final Map<String, ParticipantRecord> records = new HashMap<>();
    private final Map<String, String> participantOfToken = new HashMap<>();

    @Override
    public synchronized void put(ParticipantRecord record) {
        remove(record.participantId());
        records.put(record.participantId(), record);
        participantOfToken.put(record.resumeTokenHash(), record.participantId());
    }

    @Override
    public synchronized Optional<ParticipantRecord> find(String participantId) {
        return Optional.ofNullable(records.get(participantId));
    }

    @Override
    public synchronized Optional<ParticipantRecord> resume(String tokenHash, String connectionId, String newTokenHash,
                                                           Instant now) {
        String participantId = participantOfToken.get(tokenHash);
        ParticipantRecord before = participantId == null ? null : records.get(participantId);
        if (before == null || !before.resumableAt(now)) {
            return Optional.empty();
        }
        participantOfToken.remove(tokenHash);
        records.put(participantId, ParticipantRecord.connected(before.member(), newTokenHash, connectionId));
        participantOfToken.put(newTokenHash, participantId);
        return Optional.of(before);
    }

    @Override
    public synchronized Optional<ParticipantRecord> disconnect(String participantId, String connectionId, Instant now,
                                                               Instant graceUntil) {
        ParticipantRecord record = records.get(participantId);
        if (record == null || !record.isConnected() || !record.connectionId().equals(connectionId)) {
            return Optional.empty();
        }
        ParticipantRecord dropped = new ParticipantRecord(record.member(), record.resumeTokenHash(), connectionId, now,
                graceUntil);
        records.put(participantId, dropped);
        return Optional.of(dropped);
    }

    @Override
    public synchronized List<ParticipantRecord> expired(Instant now) {
        List<ParticipantRecord> expired = new ArrayList<>();
        for (ParticipantRecord record : records.values()) {
            if (!record.resumableAt(now)) {
                expired.add(record);
            }
        }
        return expired;
    }

    @Override
    public synchronized Optional<ParticipantRecord> removeIfExpired(String participantId, Instant now) {
        ParticipantRecord record = records.get(participantId);
        if (record == null || record.resumableAt(now)) {
            return Optional.empty();
        }
        return remove(participantId);
    }

    @Override
    public synchronized Optional<ParticipantRecord> remove(String participantId) {
        ParticipantRecord record = records.remove(participantId);
        if (record == null) {
            return Optional.empty();
        }
        participantOfToken.remove(record.resumeTokenHash());
        return Optional.of(record);
    }
}
