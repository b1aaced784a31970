package org.remotesupport.signaling.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SessionRegistry} in this process's memory, for a single signaling node. Thread-safe: one
 * monitor guards the three maps so that they always agree; every operation is short.
 */
public final class InMemorySessionRegistry implements SessionRegistry {

    private final Map<String, SupportSession> sessions = new HashMap<>();
    private final Map<String, JoinCode> codes = new HashMap<>();
    private final Map<String, String> codeOfSession = new HashMap<>();
    private final Map<String, Set<String>> sessionsOfParticipant = new HashMap<>();

    @Override
    public synchronized boolean create(SupportSession session, JoinCode code) {
        if (codes.containsKey(code.code()) || sessions.containsKey(session.sessionId())) {
            return false;
        }
        sessions.put(session.sessionId(), session);
        codes.put(code.code(), code);
        codeOfSession.put(session.sessionId(), code.code());
        session.members().forEach(m -> index(m.participantId(), session.sessionId()));
        return true;
    }

    @Override
    public synchronized boolean open(SupportSession session) {
        if (sessions.containsKey(session.sessionId())) {
            return false;
        }
        sessions.put(session.sessionId(), session);
        session.members().forEach(m -> index(m.participantId(), session.sessionId()));
        return true;
    }

    @Override
    public synchronized Optional<SupportSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized Optional<String> sessionIdForCode(String code, Instant now) {
        return liveCode(code, now).map(JoinCode::sessionId);
    }

    @Override
    public synchronized Optional<SupportSession> redeem(String code, Member customer, Instant now) {
        Optional<JoinCode> live = liveCode(code, now);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        String sessionId = live.get().sessionId();
        codes.remove(code);
        codeOfSession.remove(sessionId);
        SupportSession joined = sessions.get(sessionId).withMember(customer, now);
        sessions.put(sessionId, joined);
        index(customer.participantId(), sessionId);
        return Optional.of(joined);
    }

    @Override
    public synchronized Optional<SupportSession> setMedia(String sessionId, String participantId, boolean joined) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || !session.has(participantId)) {
            return Optional.empty();
        }
        SupportSession updated = session.withMedia(participantId, joined);
        sessions.put(sessionId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> addMember(String sessionId, Member member) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || session.has(member.participantId())) {
            return Optional.empty();
        }
        SupportSession updated = session.withMember(member);
        sessions.put(sessionId, updated);
        index(member.participantId(), sessionId);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> invite(String sessionId, String participantId, Role role) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || session.has(participantId)) {
            return Optional.empty();
        }
        SupportSession updated = session.withInvitation(participantId, role);
        sessions.put(sessionId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> acceptInvitation(String sessionId, Member member) {
        SupportSession session = sessions.get(sessionId);
        Role role = session == null ? null : session.invitations().get(member.participantId());
        if (role == null || session.has(member.participantId())) {
            return Optional.empty();
        }
        SupportSession updated = session.withInvitation(member.participantId(), null)
                .withMember(member.withRole(role));
        sessions.put(sessionId, updated);
        index(member.participantId(), sessionId);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> declineInvitation(String sessionId, String participantId) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || !session.invitations().containsKey(participantId)) {
            return Optional.empty();
        }
        SupportSession updated = session.withInvitation(participantId, null);
        sessions.put(sessionId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> setReconnecting(String sessionId, String participantId,
                                                                 boolean reconnecting) {
        return update(sessionId, participantId, s -> s.withReconnecting(participantId, reconnecting));
    }

    @Override
    public synchronized Optional<SupportSession> setPendingOffer(String sessionId, String participantId,
                                                                 PendingOffer offer) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || !session.hasMedia(participantId)) {
            return Optional.empty();
        }
        return update(sessionId, participantId, s -> s.withPendingOffer(participantId, offer));
    }

    @Override
    public synchronized Optional<SupportSession> answered(String sessionId, String participantId, int revision) {
        return update(sessionId, participantId, s -> {
            PendingOffer pending = s.pendingOffers().get(participantId);
            return pending != null && pending.revision() == revision ? s.withPendingOffer(participantId, null) : s;
        });
    }

    @Override
    public synchronized Optional<SupportSession> removeMember(String sessionId, String participantId) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || !session.has(participantId)) {
            return Optional.empty();
        }
        SupportSession updated = session.withoutMember(participantId);
        sessions.put(sessionId, updated);
        unindex(participantId, sessionId);
        return Optional.of(updated);
    }

    @Override
    public synchronized Optional<SupportSession> remove(String sessionId) {
        SupportSession session = sessions.remove(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        String code = codeOfSession.remove(sessionId);
        if (code != null) {
            codes.remove(code);
        }
        session.members().forEach(m -> unindex(m.participantId(), sessionId));
        return Optional.of(session);
    }

    @Override
    public synchronized List<String> sessionIdsOf(String participantId) {
        return List.copyOf(sessionsOfParticipant.getOrDefault(participantId, Set.of()));
    }

    @Override
    public synchronized int size() {
        return sessions.size();
    }

    @Override
    public synchronized List<SupportSession> all() {
        return List.copyOf(sessions.values());
    }

    private Optional<SupportSession> update(String sessionId, String participantId,
                                            java.util.function.UnaryOperator<SupportSession> change) {
        SupportSession session = sessions.get(sessionId);
        if (session == null || !session.has(participantId)) {
            return Optional.empty();
        }
        SupportSession updated = change.apply(session);
        sessions.put(sessionId, updated);
        return Optional.of(updated);
    }

    private Optional<JoinCode> liveCode(String code, Instant now) {
        JoinCode joinCode = codes.get(code);
        if (joinCode == null || !joinCode.isLiveAt(now)) {
            return Optional.empty();
        }
        return Optional.of(joinCode);
    }

    private void index(String participantId, String sessionId) {
        sessionsOfParticipant.computeIfAbsent(participantId, p -> new LinkedHashSet<>()).add(sessionId);
    }

    private void unindex(String participantId, String sessionId) {
        Set<String> ids = sessionsOfParticipant.get(participantId);
        if (ids != null && ids.remove(sessionId) && ids.isEmpty()) {
            sessionsOfParticipant.remove(participantId);
        }
    }
}
