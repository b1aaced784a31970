package org.remotesupport.signaling.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.remotesupport.signaling.session.JoinCode;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.PendingOffer;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SupportSession;

/**
 * A {@link SessionRegistry} in Redis, shared by every signaling node (keys in {@link RedisKeys}).
 * Each method is atomic across nodes: it reads the keys it needs, computes the new session snapshot in
 * Java and writes it with a {@link ConditionalWrite} that applies only if those keys are unchanged,
 * retrying from the read otherwise. So a join code is used at most once even when customers on
 * several nodes race for it: both read the live code, one write deletes it, the other's expectation
 * fails, and its retry finds the code gone. Called from any thread; blocks for a few round trips.
 */
public final class RedisSessionRegistry implements SessionRegistry {

    /** What {@code rs:session:{id}} holds: the snapshot and its join code while unused. */
    record Stored(SupportSession session, String code) {
    }

    // a conflict needs another writer on the same session between our read and write; the session
    // lock makes that rare, so a few retries suffice and running out signals a fault, not load
    private static final int ATTEMPTS = 32;
    private static final Duration CODE_GRACE = Duration.ofMinutes(1);
    private static final int BATCH = 500;

    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final Duration sessionTtl;
    private final RedisJson json = new RedisJson();

    public RedisSessionRegistry(RedisConnections connections, RedisKeys keys, Clock clock, Duration sessionTtl) {
        this.redis = connections.commands();
        this.keys = keys;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
    }

    @Override
    public boolean create(SupportSession session, JoinCode code) {
        Instant now = clock.instant();
        Duration codeTtl = Duration.between(now, code.expiresAt()).plus(CODE_GRACE);
        ConditionalWrite write = new ConditionalWrite()
                .expect(keys.session(session.sessionId()), null)
                .expect(keys.joinCode(code.code()), null)
                .set(keys.session(session.sessionId()), json.write(new Stored(session, code.code())), sessionTtl)
                .set(keys.joinCode(code.code()), json.write(code), codeTtl.isNegative() ? Duration.ofSeconds(1) : codeTtl)
                .prune(keys.sessions(), now.toEpochMilli())
                .add(keys.sessions(), now.plus(sessionTtl).toEpochMilli(), session.sessionId());
        for (Member member : session.members()) {
            addMembership(write, member.participantId(), session.sessionId());
        }
        return write.apply(redis);
    }

    @Override
    public Optional<SupportSession> find(String sessionId) {
        return Optional.ofNullable(redis.get(keys.session(sessionId))).map(v -> json.read(v, Stored.class).session());
    }

    @Override
    public Optional<String> sessionIdForCode(String code, Instant now) {
        return liveCode(redis.get(keys.joinCode(code)), now).map(JoinCode::sessionId);
    }

    @Override
    public Optional<SupportSession> redeem(String code, Member customer, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String codeValue = redis.get(keys.joinCode(code));
            Optional<JoinCode> live = liveCode(codeValue, now);
            if (live.isEmpty()) {
                return Optional.empty();
            }
            String sessionId = live.get().sessionId();
            String sessionValue = redis.get(keys.session(sessionId));
            if (sessionValue == null) {
                return Optional.empty();
            }
            Stored stored = json.read(sessionValue, Stored.class);
            if (!code.equals(stored.code())) {
                return Optional.empty();
            }
            SupportSession joined = stored.session().withMember(customer, now);
            ConditionalWrite write = new ConditionalWrite()
                    .expect(keys.joinCode(code), codeValue)
                    .expect(keys.session(sessionId), sessionValue)
                    .delete(keys.joinCode(code))
                    .set(keys.session(sessionId), json.write(new Stored(joined, null)), sessionTtl)
                    .add(keys.sessions(), clock.instant().plus(sessionTtl).toEpochMilli(), sessionId);
            addMembership(write, customer.participantId(), sessionId);
            if (write.apply(redis)) {
                return Optional.of(joined);
            }
        }
        throw contention("redeem", code);
    }

    @Override
    public boolean open(SupportSession session) {
        ConditionalWrite write = new ConditionalWrite()
                .expect(keys.session(session.sessionId()), null)
                .set(keys.session(session.sessionId()), json.write(new Stored(session, null)), sessionTtl)
                .prune(keys.sessions(), clock.instant().toEpochMilli())
                .add(keys.sessions(), clock.instant().plus(sessionTtl).toEpochMilli(), session.sessionId());
        for (Member member : session.members()) {
            addMembership(write, member.participantId(), session.sessionId());
        }
        return write.apply(redis);
    }

    @Override
    public Optional<SupportSession> setMedia(String sessionId, String participantId, boolean joined) {
        return update(sessionId, s -> s.has(participantId)
                ? Change.of(s.withMedia(participantId, joined)) : null);
    }

    @Override
    public Optional<SupportSession> addMember(String sessionId, Member member) {
        return update(sessionId, s -> s.has(member.participantId())
                ? null : Change.joining(s.withMember(member), member.participantId()));
    }

    @Override
    public Optional<SupportSession> invite(String sessionId, String participantId, Role role) {
        return update(sessionId, s -> s.has(participantId) ? null : Change.of(s.withInvitation(participantId, role)));
    }

    @Override
    public Optional<SupportSession> acceptInvitation(String sessionId, Member member) {
        return update(sessionId, s -> {
            Role role = s.invitations().get(member.participantId());
            if (role == null || s.has(member.participantId())) {
                return null;
            }
            return Change.joining(s.withInvitation(member.participantId(), null).withMember(member.withRole(role)),
                    member.participantId());
        });
    }

    @Override
    public Optional<SupportSession> declineInvitation(String sessionId, String participantId) {
        return update(sessionId, s -> s.invitations().containsKey(participantId)
                ? Change.of(s.withInvitation(participantId, null)) : null);
    }

    @Override
    public Optional<SupportSession> setReconnecting(String sessionId, String participantId, boolean reconnecting) {
        return update(sessionId, s -> s.has(participantId)
                ? Change.of(s.withReconnecting(participantId, reconnecting)) : null);
    }

    @Override
    public Optional<SupportSession> setPendingOffer(String sessionId, String participantId, PendingOffer offer) {
        return update(sessionId, s -> s.has(participantId) && s.hasMedia(participantId)
                ? Change.of(s.withPendingOffer(participantId, offer)) : null);
    }

    @Override
    public Optional<SupportSession> answered(String sessionId, String participantId, int revision) {
        return update(sessionId, s -> {
            if (!s.has(participantId)) {
                return null;
            }
            PendingOffer pending = s.pendingOffers().get(participantId);
            return Change.of(pending != null && pending.revision() == revision
                    ? s.withPendingOffer(participantId, null) : s);
        });
    }

    @Override
    public Optional<SupportSession> removeMember(String sessionId, String participantId) {
        return update(sessionId, s -> s.has(participantId)
                ? new Change(s.withoutMember(participantId), List.of(), List.of(participantId)) : null);
    }

    @Override
    public Optional<SupportSession> remove(String sessionId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String sessionValue = redis.get(keys.session(sessionId));
            if (sessionValue == null) {
                return Optional.empty();
            }
            Stored stored = json.read(sessionValue, Stored.class);
            ConditionalWrite write = new ConditionalWrite()
                    .expect(keys.session(sessionId), sessionValue)
                    .delete(keys.session(sessionId))
                    .remove(keys.sessions(), sessionId);
            if (stored.code() != null) {
                write.delete(keys.joinCode(stored.code()));
            }
            stored.session().members().forEach(m -> write.remove(keys.sessionsOf(m.participantId()), sessionId));
            if (write.apply(redis)) {
                return Optional.of(stored.session());
            }
        }
        throw contention("remove", sessionId);
    }

    @Override
    public List<String> sessionIdsOf(String participantId) {
        return redis.zrange(keys.sessionsOf(participantId), 0, -1);
    }

    @Override
    public List<SupportSession> all() {
        Instant now = clock.instant();
        List<String> ids = redis.zrangebyscore(keys.sessions(),
                Range.create((double) now.toEpochMilli(), Double.POSITIVE_INFINITY));
        List<SupportSession> sessions = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += BATCH) {
            String[] batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(keys::session).toArray(String[]::new);
            redis.mget(batch).forEach(value -> {
                if (value.hasValue()) {
                    sessions.add(json.read(value.getValue(), Stored.class).session());
                }
            });
        }
        return sessions;
    }

    @Override
    public int size() {
        return Math.toIntExact(redis.zcount(keys.sessions(),
                Range.create((double) clock.instant().toEpochMilli(), Double.POSITIVE_INFINITY)));
    }

    /** A session's new snapshot and the participants whose membership index changes with it. */
    private record Change(SupportSession updated, List<String> joined, List<String> left) {

        static Change of(SupportSession updated) {
            return new Change(updated, List.of(), List.of());
        }

        static Change joining(SupportSession updated, String participantId) {
            return new Change(updated, List.of(participantId), List.of());
        }
    }

    /**
     * Reads the session, asks {@code change} for its new snapshot (null: refuse, changing nothing) and
     * writes it if the session did not change meanwhile, retrying from the read if it did.
     */
    private Optional<SupportSession> update(String sessionId, Function<SupportSession, Change> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String sessionValue = redis.get(keys.session(sessionId));
            if (sessionValue == null) {
                return Optional.empty();
            }
            Stored stored = json.read(sessionValue, Stored.class);
            Change next = change.apply(stored.session());
            if (next == null) {
                return Optional.empty();
            }
            if (next.updated().equals(stored.session())) {
                return Optional.of(stored.session());
            }
            ConditionalWrite write = new ConditionalWrite()
                    .expect(keys.session(sessionId), sessionValue)
                    .set(keys.session(sessionId), json.write(new Stored(next.updated(), stored.code())), sessionTtl)
                    .add(keys.sessions(), clock.instant().plus(sessionTtl).toEpochMilli(), sessionId);
            next.joined().forEach(p -> addMembership(write, p, sessionId));
            next.left().forEach(p -> write.remove(keys.sessionsOf(p), sessionId));
            if (write.apply(redis)) {
                return Optional.of(next.updated());
            }
        }
        throw contention("update", sessionId);
    }

    private void addMembership(ConditionalWrite write, String participantId, String sessionId) {
        write.addInOrder(keys.sessionsOf(participantId), keys.membershipSequence(), sessionId)
                .expire(keys.sessionsOf(participantId), sessionTtl);
    }

    private Optional<JoinCode> liveCode(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        JoinCode code = json.read(value, JoinCode.class);
        return code.isLiveAt(now) ? Optional.of(code) : Optional.empty();
    }

    private static IllegalStateException contention(String operation, String key) {
        return new IllegalStateException(operation + " of " + key + " kept conflicting with other writers");
    }
}
