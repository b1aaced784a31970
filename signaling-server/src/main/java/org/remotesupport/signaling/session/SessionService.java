package org.remotesupport.signaling.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lifecycle: an agent creates a session and gets a join code, a customer joins with the
 * code, anyone leaves, and the session ends with its agent. Called on WebSocket threads with the
 * caller's identity; replies and pushes go out through the {@link MessageSink}; refusals are thrown
 * as {@link SignalingException} before anything is changed.
 */
public final class SessionService {

    /** {@code session.ended} reason: the agent sent {@code session.leave}. */
    public static final String AGENT_LEFT = "agent_left";
    /** {@code session.ended} reason: the agent's connection closed. */
    public static final String AGENT_DISCONNECTED = "agent_disconnected";

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final int CODE_ATTEMPTS = 5;

    private final SessionRegistry registry;
    private final SessionLocks locks;
    private final RelayControl relay;
    private final MessageSink sink;
    private final Clock clock;
    private final JoinCodes codes;
    private final Duration codeTtl;
    private final int maxSessionsPerAgent;

    public SessionService(SessionRegistry registry, SessionLocks locks, RelayControl relay, MessageSink sink,
                          Clock clock, RandomGenerator random, Duration codeTtl, int maxSessionsPerAgent) {
        this.registry = registry;
        this.locks = locks;
        this.relay = relay;
        this.sink = sink;
        this.clock = clock;
        this.codes = new JoinCodes(random);
        this.codeTtl = codeTtl;
        this.maxSessionsPerAgent = maxSessionsPerAgent;
    }

    /** Opens a session with the agent as its first member and replies {@code session.created}. */
    public void create(Member agent, String replyTo, String linkBase) {
        requireRole(agent, Role.AGENT, "only an agent can create a session");
        if (registry.sessionIdsOf(agent.participantId()).size() >= maxSessionsPerAgent) {
            throw new SignalingException(ErrorCode.SESSION_LIMIT,
                    "this connection already holds " + maxSessionsPerAgent + " sessions; leave one first");
        }
        Instant expiresAt = clock.instant().plus(codeTtl);
        SupportSession session = SupportSession.open(codes.nextSessionId(), agent);
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            JoinCode code = new JoinCode(codes.nextCode(), session.sessionId(), expiresAt);
            if (registry.create(session, code)) {
                log.info("session {} created by {}", session.sessionId(), agent.participantId());
                sink.send(agent.participantId(), new ServerMessage.SessionCreated(replyTo, session.sessionId(),
                        code.code(), linkBase + "/s/" + code.code(), expiresAt.toEpochMilli()));
                return;
            }
        }
        // five collisions in a space of 8e14 codes means the random source is broken
        throw new IllegalStateException("no free join code after " + CODE_ATTEMPTS + " attempts");
    }

    /** Uses up a join code: adds the customer, replies {@code session.joined}, tells the others. */
    public void join(Member customer, String replyTo, String typedCode) {
        requireRole(customer, Role.CUSTOMER, "agents do not join with a code");
        if (!registry.sessionIdsOf(customer.participantId()).isEmpty()) {
            throw new SignalingException(ErrorCode.ALREADY_IN_SESSION, "leave the current session first");
        }
        String code = JoinCodes.normalize(typedCode);
        SignalingException invalid = new SignalingException(ErrorCode.INVALID_CODE,
                "this code is unknown, expired or already used; ask the agent for a new link");
        if (!JoinCodes.isWellFormed(code)) {
            throw invalid;
        }
        // the lock is taken before the code is used up, so that the session cannot end in between
        String sessionId = registry.sessionIdForCode(code, clock.instant()).orElseThrow(() -> invalid);
        locks.locked(sessionId, () -> {
            SupportSession session = registry.redeem(code, customer, clock.instant()).orElseThrow(() -> invalid);
            log.info("session {} joined by {}", sessionId, customer.participantId());
            List<ServerMessage.Participant> participants = session.members().stream().map(Member::toWire).toList();
            sink.send(customer.participantId(), new ServerMessage.SessionJoined(replyTo, sessionId,
                    customer.role().wire(), participants));
            ServerMessage joined = new ServerMessage.ParticipantJoined(null, sessionId, customer.toWire());
            session.others(customer.participantId()).forEach(m -> sink.send(m.participantId(), joined));
        });
    }

    /**
     * Takes the caller out of a session and replies {@code session.left}; its media endpoint is
     * released. If the caller is the agent the session ends for everyone.
     */
    public void leave(Member caller, String replyTo, String requestedSessionId) {
        String sessionId = sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = registry.find(sessionId)
                    .filter(s -> s.has(caller.participantId()))
                    .orElseThrow(SessionService::notInSession);
            depart(session, caller, AGENT_LEFT);
            sink.send(caller.participantId(), new ServerMessage.SessionLeft(replyTo, sessionId));
        });
    }

    /** Takes a participant whose connection closed out of all its sessions, as a silent leave. */
    public void disconnected(Member member) {
        for (String sessionId : registry.sessionIdsOf(member.participantId())) {
            try {
                locks.locked(sessionId, () -> registry.find(sessionId)
                        .filter(s -> s.has(member.participantId()))
                        .ifPresent(session -> depart(session, member, AGENT_DISCONNECTED)));
            } catch (RuntimeException e) {
                // one broken session must not keep the participant in the others
                log.warn("cleanup of {} in session {} failed", member.participantId(), sessionId, e);
            }
        }
    }

    /**
     * Which of the caller's sessions a message is about: the one it names, or its only one.
     *
     * @throws SignalingException {@code not_in_session} if the caller is not in that session or in
     *         none; {@code invalid_field} if it is in several and named none
     */
    public String sessionIdFor(Member caller, String requestedSessionId) {
        List<String> mine = registry.sessionIdsOf(caller.participantId());
        if (requestedSessionId != null) {
            if (!mine.contains(requestedSessionId)) {
                throw notInSession();
            }
            return requestedSessionId;
        }
        if (mine.isEmpty()) {
            throw notInSession();
        }
        if (mine.size() > 1) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "sessionId is required: this connection is in " + mine.size() + " sessions");
        }
        return mine.get(0);
    }

    /** The refusal for a message about a session the caller is not in. */
    public static SignalingException notInSession() {
        return new SignalingException(ErrorCode.NOT_IN_SESSION, "you are not in that session");
    }

    private void depart(SupportSession session, Member leaver, String endReason) {
        String sessionId = session.sessionId();
        if (session.agentId().equals(leaver.participantId())) {
            registry.remove(sessionId);
            session.withMedia().forEach(p -> release(session.endpointOf(p)));
            log.info("session {} ended: {}", sessionId, endReason);
            ServerMessage ended = new ServerMessage.SessionEnded(null, sessionId, endReason);
            session.others(leaver.participantId()).forEach(m -> sink.send(m.participantId(), ended));
            return;
        }
        Optional<SupportSession> remaining = registry.removeMember(sessionId, leaver.participantId());
        if (session.hasMedia(leaver.participantId())) {
            release(session.endpointOf(leaver.participantId()));
        }
        log.info("session {} left by {}", sessionId, leaver.participantId());
        ServerMessage left = new ServerMessage.ParticipantLeft(null, sessionId, leaver.participantId());
        remaining.ifPresent(s -> s.members().forEach(m -> sink.send(m.participantId(), left)));
    }

    private void release(EndpointId endpoint) {
        try {
            relay.release(endpoint.value());
        } catch (RuntimeException e) {
            // the session is gone either way; stopping here would leave the other endpoints allocated
            log.warn("relay refused to release endpoint {}", endpoint.value(), e);
        }
    }

    private static void requireRole(Member caller, Role role, String message) {
        if (caller.role() != role) {
            throw new SignalingException(ErrorCode.FORBIDDEN, message);
        }
    }
}
