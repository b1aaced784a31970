package org.remotesupport.signaling.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lifecycle: an agent opens a session with a seat for the one customer its invite was
 * made for, or the matching engine starts one for an agent and a customer; the customer joins,
 * experts and observers join by invitation, a participant whose connection drops is reconnecting
 * until it resumes or its grace runs out, anyone leaves, and the session ends with its agent or its
 * customer. Called on WebSocket threads with the caller's identity; replies and pushes go out
 * through the {@link MessageSink}; refusals are thrown as {@link SignalingException} before
 * anything is changed.
 */
public final class SessionService implements ParticipantListener {

    /** {@code session.ended} reason: the agent sent {@code session.leave}. */
    public static final String AGENT_LEFT = "agent_left";
    /** {@code session.ended} reason: the agent's connection closed, or dropped and did not resume in time. */
    public static final String AGENT_DISCONNECTED = "agent_disconnected";
    /** {@code session.ended} reason: the customer sent {@code session.leave}. */
    public static final String CUSTOMER_LEFT = "customer_left";
    /** {@code session.ended} reason: the customer's connection closed, or dropped and did not resume in time. */
    public static final String CUSTOMER_DISCONNECTED = "customer_disconnected";
    /** {@code session.ended} reason: the agent ended the session with an outcome ({@code session.end}). */
    public static final String COMPLETED = "completed";
    /** {@code participant.state}: the participant's connection dropped; it may resume. */
    public static final String RECONNECTING = "reconnecting";
    /** {@code participant.state}: the participant resumed. */
    public static final String CONNECTED = "connected";

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final int ID_ATTEMPTS = 5;

    private final SessionRegistry registry;
    private final SessionLocks locks;
    private final RelayControl relay;
    private final MessageSink sink;
    private final Clock clock;
    private final SessionIds codes;
    private final int maxSessionsPerAgent;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public SessionService(SessionRegistry registry, SessionLocks locks, RelayControl relay, MessageSink sink,
                          Clock clock, RandomGenerator random, int maxSessionsPerAgent) {
        this.registry = registry;
        this.locks = locks;
        this.relay = relay;
        this.sink = sink;
        this.clock = clock;
        this.codes = new SessionIds(random);
        this.maxSessionsPerAgent = maxSessionsPerAgent;
    }

    /** Registers a listener; listeners are called in registration order. */
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /**
     * Starts a session for an agent who accepted a customer from the queue: stores it and sends
     * {@code session.started} to both, the agent's as the reply to {@code agentReplyTo}. A customer
     * whose connection is down is in the session as reconnecting.
     *
     * @return the new session
     */
    public SupportSession startMatched(String sessionId, Member agent, String agentReplyTo, Member customer,
                                       boolean customerConnected, Ticket ticket, Boolean repeatContact) {
        SupportSession opened = SupportSession.matched(sessionId, agent, customer, ticket, clock.instant());
        SupportSession session = customerConnected ? opened : opened.withReconnecting(customer.participantId(), true);
        return locks.locked(sessionId, () -> {
            if (!registry.open(session)) {
                throw new IllegalStateException("session id " + sessionId + " is taken");
            }
            log.info("session {} started: agent {}, customer {}, ticket {}", sessionId, agent.participantId(),
                    customer.participantId(), ticket.id());
            ServerMessage.TicketInfo info = TicketViews.of(ticket, repeatContact);
            sink.send(agent.participantId(), started(agentReplyTo, session, agent, info, null));
            sink.send(customer.participantId(), started(null, session, customer, null, null));
            Instant now = clock.instant();
            listeners.forEach(l -> notify(() -> l.sessionStarted(session, now)));
            entered(session, agent);
            entered(session, customer);
            return session;
        });
    }

    /** A fresh session id, for {@link #startMatched}. */
    public String newSessionId() {
        return codes.nextSessionId();
    }

    /**
     * Opens a session with the agent as its first member and a seat for one customer until {@code
     * seatExpiresAt}; the caller hands out the invite for it and replies {@code session.created}.
     *
     * @param ticket what the customer the session is for needs help with, or null
     * @return the new session's id
     */
    public String open(Member agent, Ticket ticket, Instant seatExpiresAt) {
        requireRole(agent, Role.AGENT, "only an agent can create a session");
        if (registry.sessionIdsOf(agent.participantId()).size() >= maxSessionsPerAgent) {
            throw new SignalingException(ErrorCode.SESSION_LIMIT,
                    "this connection already holds " + maxSessionsPerAgent + " sessions; leave one first");
        }
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            SupportSession session = new SupportSession(codes.nextSessionId(), agent.participantId(), List.of(agent),
                    Set.of(), ticket, null, Set.of(), Map.of(), Map.of());
            // the seat is the registry's single-use join code, named after the session
            if (registry.create(session, new JoinCode(session.sessionId(), session.sessionId(), seatExpiresAt))) {
                log.info("session {} created by {}", session.sessionId(), agent.subject());
                return session.sessionId();
            }
        }
        // five collisions in a space of 36^20 ids means the random source is broken
        throw new IllegalStateException("no free session id after " + ID_ATTEMPTS + " attempts");
    }

    /**
     * Seats a customer in the session its invite was made for: adds it, replies {@code
     * session.joined}, tells the others. The seat is single-use and expires with the invite.
     */
    public void join(Member customer, String replyTo, String sessionId) {
        requireRole(customer, Role.CUSTOMER, "only a customer joins a session this way");
        if (!registry.sessionIdsOf(customer.participantId()).isEmpty()) {
            throw new SignalingException(ErrorCode.ALREADY_IN_SESSION, "leave the current session first");
        }
        SignalingException gone = new SignalingException(ErrorCode.NOT_IN_SESSION,
                "this session has ended or its place was taken; ask the agent for a new link");
        // the lock is taken before the seat is used up, so that the session cannot end in between
        registry.sessionIdForCode(sessionId, clock.instant()).orElseThrow(() -> gone);
        locks.locked(sessionId, () -> {
            SupportSession session = registry.redeem(sessionId, customer, clock.instant()).orElseThrow(() -> gone);
            log.info("session {} joined by {}", sessionId, customer.participantId());
            List<ServerMessage.Participant> participants = session.members().stream()
                    .filter(m -> !m.role().silent()).map(Member::toWire).toList();
            sink.send(customer.participantId(), new ServerMessage.SessionJoined(replyTo, sessionId,
                    customer.role().wire(), participants));
            ServerMessage joined = new ServerMessage.ParticipantJoined(null, sessionId, customer.toWire());
            session.others(customer.participantId()).forEach(m -> sink.send(m.participantId(), joined));
            Instant now = clock.instant();
            listeners.forEach(l -> notify(() -> l.sessionStarted(session, now)));
            entered(session, customer);
        });
    }

    /**
     * Takes the caller out of a session and replies {@code session.left}; its media endpoint is
     * released. If the caller is the session's agent or its customer, the session ends for everyone.
     */
    public void leave(Member caller, String replyTo, String requestedSessionId) {
        String sessionId = sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = registry.find(sessionId)
                    .filter(s -> s.has(caller.participantId()))
                    .orElseThrow(SessionService::notInSession);
            depart(session, caller, false);
            sink.send(caller.participantId(), new ServerMessage.SessionLeft(replyTo, sessionId));
        });
    }

    /** Takes a participant whose connection closed for good out of all its sessions, as a silent leave. */
    public void disconnected(Member member) {
        forEachSession(member, session -> depart(session, member, true));
    }

    @Override
    public void dropped(Member member) {
        forEachSession(member, session -> registry.setReconnecting(session.sessionId(), member.participantId(), true)
                .ifPresent(s -> tellOthers(s, member.participantId(),
                        new ServerMessage.ParticipantState(null, s.sessionId(), member.participantId(), RECONNECTING))));
    }

    /**
     * Puts a resumed participant back into its sessions: the others hear it is connected again; it
     * gets {@code session.started} with {@code resumed} and everyone in it, then the relay offer it
     * had not answered, so its media negotiation carries on where it stopped.
     */
    @Override
    public void resumed(Member member) {
        forEachSession(member, session -> {
            SupportSession current = session;
            if (session.isReconnecting(member.participantId())) {
                current = registry.setReconnecting(session.sessionId(), member.participantId(), false).orElse(session);
                tellOthers(current, member.participantId(), new ServerMessage.ParticipantState(null,
                        current.sessionId(), member.participantId(), CONNECTED));
            }
            Member inSession = current.member(member.participantId()).orElse(member);
            ServerMessage.TicketInfo info = inSession.role() == Role.CUSTOMER || current.ticket() == null
                    ? null : TicketViews.of(current.ticket(), null);
            sink.send(member.participantId(), started(null, current, inSession, info, Boolean.TRUE));
            PendingOffer pending = current.pendingOffers().get(member.participantId());
            if (pending != null) {
                sink.send(member.participantId(), new ServerMessage.MediaOffer(null, current.sessionId(),
                        pending.revision(), pending.sdp(), pending.uplink()));
            }
            entered(current, inSession);
        });
    }

    @Override
    public void departed(Member member, boolean dropped) {
        disconnected(member);
    }

    /**
     * The session's agent invites another agent's connection as an expert or observer; the invitee
     * receives {@code session.invited}.
     */
    public void invite(Member caller, String requestedSessionId, Member invitee, Role role) {
        String sessionId = sessionIdFor(caller, requestedSessionId);
        if (role != Role.EXPERT && role != Role.OBSERVER) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "role must be expert or observer");
        }
        locks.locked(sessionId, () -> {
            SupportSession session = registry.find(sessionId).orElseThrow(SessionService::notInSession);
            if (!session.agentId().equals(caller.participantId())) {
                throw new SignalingException(ErrorCode.FORBIDDEN, "only the session's agent can invite");
            }
            if (session.has(invitee.participantId())) {
                throw new SignalingException(ErrorCode.INVALID_FIELD, "that agent is in the session already");
            }
            registry.invite(sessionId, invitee.participantId(), role).orElseThrow(SessionService::notInSession);
            log.info("session {}: {} invited as {}", sessionId, invitee.participantId(), role.wire());
            ServerMessage.TicketInfo info = session.ticket() == null ? null : TicketViews.of(session.ticket(), null);
            sink.send(invitee.participantId(), new ServerMessage.SessionInvited(null, sessionId,
                    caller.toWire(), role.wire(), info));
        });
    }

    /** An invited agent joins: replies {@code session.started} with its role; the others get {@code participant.joined}. */
    public SupportSession acceptInvitation(Member caller, String replyTo, String sessionId) {
        return locks.locked(sessionId, () -> {
            SupportSession session = registry.acceptInvitation(sessionId, caller)
                    .orElseThrow(() -> new SignalingException(ErrorCode.NO_INVITATION,
                            "there is no invitation into that session for you"));
            Member joined = session.member(caller.participantId()).orElseThrow();
            log.info("session {} joined by {} as {}", sessionId, caller.participantId(), joined.role().wire());
            ServerMessage.TicketInfo info = session.ticket() == null ? null : TicketViews.of(session.ticket(), null);
            sink.send(caller.participantId(), started(replyTo, session, joined, info, null));
            tellOthers(session, caller.participantId(), new ServerMessage.ParticipantJoined(null, sessionId,
                    joined.toWire()));
            entered(session, joined);
            return session;
        });
    }

    /**
     * A supervisor, trainee or admin joins a started session silently: it stays in its own role, which
     * only watches; it gets {@code session.started} with the ticket, the agent and experts get {@code
     * participant.joined}, the customer is not told.
     */
    public void observe(Member caller, String replyTo, String sessionId) {
        if (!caller.role().silent()) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only supervisors, trainees and admins observe sessions");
        }
        if (!registry.sessionIdsOf(caller.participantId()).isEmpty()) {
            throw new SignalingException(ErrorCode.ALREADY_IN_SESSION, "leave the session you observe first");
        }
        locks.locked(sessionId, () -> {
            SupportSession before = registry.find(sessionId)
                    .orElseThrow(() -> new SignalingException(ErrorCode.NOT_FOUND, "no live session with this id"));
            if (before.startedAt() == null) {
                throw new SignalingException(ErrorCode.NOT_FOUND, "this session has not started yet");
            }
            SupportSession session = registry.addMember(sessionId, caller)
                    .orElseThrow(() -> new SignalingException(ErrorCode.NOT_FOUND, "no live session with this id"));
            log.info("session {} observed by {}", sessionId, caller.subject());
            ServerMessage.TicketInfo info = session.ticket() == null ? null : TicketViews.of(session.ticket(), null);
            sink.send(caller.participantId(), started(replyTo, session, caller, info, null));
            tellOthers(session, caller.participantId(), new ServerMessage.ParticipantJoined(null, sessionId,
                    caller.toWire()));
            entered(session, caller);
        });
    }

    /**
     * The session's agent ends the session with an outcome: everyone, the agent included (as the reply
     * to {@code replyTo}), gets {@code session.ended} with reason {@code completed} and the outcome;
     * the note goes to staff only. The outcome has been checked by the caller.
     */
    public void complete(Member caller, String replyTo, String requestedSessionId, String outcome, String note) {
        String sessionId = sessionIdFor(caller, requestedSessionId);
        locks.locked(sessionId, () -> {
            SupportSession session = registry.find(sessionId).orElseThrow(SessionService::notInSession);
            if (!session.agentId().equals(caller.participantId())) {
                throw new SignalingException(ErrorCode.FORBIDDEN, "only the session's agent ends it with an outcome");
            }
            end(session, null, replyTo, caller.participantId(), COMPLETED, outcome, note, clock.instant());
        });
    }

    /** Tells the listeners that a member was just told it is in the session. */
    private void entered(SupportSession session, Member member) {
        listeners.forEach(l -> notify(() -> l.memberEntered(session, member)));
    }

    /** An invited agent turns the invitation down: replies {@code invite.declined} and tells the inviting agent. */
    public void declineInvitation(Member caller, String replyTo, String sessionId, String inviteeAgentId) {
        locks.locked(sessionId, () -> {
            SupportSession session = registry.declineInvitation(sessionId, caller.participantId())
                    .orElseThrow(() -> new SignalingException(ErrorCode.NO_INVITATION,
                            "there is no invitation into that session for you"));
            sink.send(caller.participantId(), new ServerMessage.InviteDeclined(replyTo, sessionId, inviteeAgentId));
            sink.send(session.agentId(), new ServerMessage.InviteDeclined(null, sessionId, inviteeAgentId));
        });
    }

    /** The session as everyone in it is told: members with their connection state. */
    static ServerMessage.SessionStarted started(String replyTo, SupportSession session, Member receiver,
                                                ServerMessage.TicketInfo ticket, Boolean resumed) {
        List<ServerMessage.Participant> participants = session.members().stream()
                // the customer does not see who watches silently
                .filter(m -> receiver.role() != Role.CUSTOMER || !m.role().silent())
                .map(m -> new ServerMessage.Participant(m.participantId(), m.role().wire(), m.name(),
                        session.isReconnecting(m.participantId()) ? RECONNECTING : null))
                .toList();
        return new ServerMessage.SessionStarted(replyTo, session.sessionId(), receiver.role().wire(), participants,
                ticket, resumed);
    }

    private void forEachSession(Member member, java.util.function.Consumer<SupportSession> action) {
        for (String sessionId : registry.sessionIdsOf(member.participantId())) {
            try {
                locks.locked(sessionId, () -> registry.find(sessionId)
                        .filter(s -> s.has(member.participantId()))
                        .ifPresent(action));
            } catch (RuntimeException e) {
                // one broken session must not keep the participant in the others
                log.warn("change of {} in session {} failed", member.participantId(), sessionId, e);
            }
        }
    }

    /** Sends to every member but one; news of a silent member does not reach the customer. */
    private void tellOthers(SupportSession session, String participantId, ServerMessage message) {
        boolean silent = session.member(participantId).map(m -> m.role().silent()).orElse(false);
        session.others(participantId).stream()
                .filter(m -> !silent || m.role() != Role.CUSTOMER)
                .forEach(m -> sink.send(m.participantId(), message));
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

    /**
     * Takes a member out of a session. The agent leaving ends the session; so does the customer of a
     * session the queue made, after the others heard {@code participant.left}: without its customer
     * there is nobody left to help. Experts and observers leave sessions that go on.
     */
    private void depart(SupportSession session, Member leaver, boolean disconnected) {
        String sessionId = session.sessionId();
        Instant now = clock.instant();
        if (session.agentId().equals(leaver.participantId())) {
            end(session, leaver.participantId(), null, null, disconnected ? AGENT_DISCONNECTED : AGENT_LEFT, null,
                    null, now);
            return;
        }
        Role role = session.member(leaver.participantId()).map(Member::role).orElse(leaver.role());
        Optional<SupportSession> remaining = registry.removeMember(sessionId, leaver.participantId());
        if (session.hasMedia(leaver.participantId())) {
            release(session.endpointOf(leaver.participantId()));
        }
        log.info("session {} left by {}", sessionId, leaver.participantId());
        ServerMessage left = new ServerMessage.ParticipantLeft(null, sessionId, leaver.participantId());
        remaining.ifPresent(s -> s.members().stream()
                .filter(m -> !role.silent() || m.role() != Role.CUSTOMER)
                .forEach(m -> sink.send(m.participantId(), left)));
        listeners.forEach(l -> notify(() -> l.memberLeft(session, leaver, now)));
        if (role == Role.CUSTOMER && session.ticket() != null) {
            remaining.ifPresent(s -> end(s, null, null, null, disconnected ? CUSTOMER_DISCONNECTED : CUSTOMER_LEFT,
                    null, null, now));
        }
    }

    /**
     * Ends a session: releases every endpoint, tells everyone but {@code leaverId} (the message to
     * {@code replyToId} answers {@code replyTo}; the note reaches staff only), then the listeners.
     */
    private void end(SupportSession session, String leaverId, String replyTo, String replyToId, String reason,
                     String outcome, String note, Instant now) {
        String sessionId = session.sessionId();
        registry.remove(sessionId);
        session.withMedia().forEach(p -> release(session.endpointOf(p)));
        log.info("session {} ended: {}{}", sessionId, reason, outcome == null ? "" : " (" + outcome + ")");
        session.members().stream()
                .filter(m -> !m.participantId().equals(leaverId))
                .forEach(m -> sink.send(m.participantId(), new ServerMessage.SessionEnded(
                        m.participantId().equals(replyToId) ? replyTo : null, sessionId, reason, outcome,
                        m.role() == Role.CUSTOMER ? null : note)));
        for (SessionListener listener : listeners) {
            session.members().forEach(m -> notify(() -> listener.memberLeft(session, m, now)));
            notify(() -> listener.sessionEnded(session, reason, outcome, note, now));
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // the session is over either way; a listener's failure must not hide that from the others
            log.warn("session listener failed", e);
        }
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
