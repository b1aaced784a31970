package org.remotesupport.signaling.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.entry.PhotoType;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.session.SupportSession;

/**
 * What participants do together in a session besides media and markups: chat, freezing everyone's
 * view on a snapshot, ticket notes, snapshots and ending with an outcome. Called on WebSocket and
 * servlet threads with the caller's identity; checks membership and role, writes the {@link
 * SessionJournal} and tells the members through the {@link MessageSink}; refusals are thrown as
 * {@link SignalingException} before anything changed. As a {@link SessionListener} it gives a member
 * entering or resuming a session the chat so far and the frozen still, and records the ending.
 */
public final class SessionCollaboration implements SessionListener {

    /** The outcomes an agent may end a session with. */
    public static final Set<String> OUTCOMES = Set.of("resolved_remotely", "replacement", "return", "escalated");
    /** Snapshot formats an agent may upload: what browsers' canvases encode. */
    private static final Set<PhotoType> SNAPSHOT_TYPES = Set.of(PhotoType.JPEG, PhotoType.PNG, PhotoType.WEBP);

    private final SessionRegistry registry;
    private final SessionService sessions;
    private final SessionJournal journal;
    private final PhotoStore photos;
    private final MessageSink sink;
    private final Clock clock;
    private final CollaborationProperties settings;
    /** Send times of each participant's recent chat messages; this node's connections only, which is where they send. */
    private final Map<String, Deque<Long>> chatTimes = new ConcurrentHashMap<>();

    public SessionCollaboration(SessionRegistry registry, SessionService sessions, SessionJournal journal,
                                PhotoStore photos, MessageSink sink, Clock clock, CollaborationProperties settings) {
        this.registry = registry;
        this.sessions = sessions;
        this.journal = journal;
        this.photos = photos;
        this.sink = sink;
        this.clock = clock;
        this.settings = settings;
    }

    /** A member writes in the chat: everyone in the session gets {@code chat.message}, the sender's as the reply. */
    public void chat(Member caller, String replyTo, String requestedSessionId, String rawText) {
        String text = text("text", rawText);
        SupportSession session = session(caller, requestedSessionId);
        Member sender = session.member(caller.participantId()).orElseThrow(SessionService::notInSession);
        if (sender.role().watchesOnly()) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "observers do not write in the chat");
        }
        long now = clock.millis();
        admitChat(caller.participantId(), now);
        ServerMessage.ChatMessage message = new ServerMessage.ChatMessage(null, session.sessionId(),
                UUID.randomUUID().toString(), sender.participantId(), sender.name(), sender.role().wire(), text, now);
        journal.appendChat(session.sessionId(), new SessionJournal.ChatEntry(message.messageId(), message.from(),
                message.name(), message.role(), text, now), settings.chatHistory());
        for (Member member : session.members()) {
            boolean own = member.participantId().equals(caller.participantId());
            sink.send(member.participantId(), own ? withReply(message, replyTo) : message);
        }
    }

    /** The agent or an expert freezes everyone's view on a snapshot of this session. */
    public void freeze(Member caller, String replyTo, String requestedSessionId, String snapshotId) {
        SupportSession session = session(caller, requestedSessionId);
        requireGuide(session, caller, "only the agent or an expert freezes the picture");
        if (snapshotId == null || snapshotId.isEmpty() || snapshotId.length() > 64) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "snapshotId must have 1 to 64 characters");
        }
        if (journal.snapshots(session.sessionId()).stream().noneMatch(s -> s.snapshotId().equals(snapshotId))) {
            throw new SignalingException(ErrorCode.NOT_FOUND, "this session has no snapshot with this id");
        }
        long now = clock.millis();
        journal.setFrozen(session.sessionId(), new SessionJournal.Freeze(snapshotId, caller.participantId(), now));
        event(session, "frozen", now, caller, snapshotId);
        ServerMessage.SessionFrozen frozen = new ServerMessage.SessionFrozen(null, session.sessionId(), snapshotId,
                caller.participantId(), now);
        for (Member member : session.members()) {
            sink.send(member.participantId(), member.participantId().equals(caller.participantId())
                    ? new ServerMessage.SessionFrozen(replyTo, frozen.sessionId(), snapshotId, frozen.by(), now) : frozen);
        }
    }

    /** The agent or an expert returns everyone's view to the live video. */
    public void unfreeze(Member caller, String replyTo, String requestedSessionId) {
        SupportSession session = session(caller, requestedSessionId);
        requireGuide(session, caller, "only the agent or an expert resumes the live picture");
        journal.setFrozen(session.sessionId(), null);
        event(session, "unfrozen", clock.millis(), caller, null);
        for (Member member : session.members()) {
            boolean own = member.participantId().equals(caller.participantId());
            sink.send(member.participantId(), new ServerMessage.SessionUnfrozen(own ? replyTo : null,
                    session.sessionId(), caller.participantId()));
        }
    }

    /** The agent or an expert adds a note to the ticket: the staff in the session get {@code ticket.noted}. */
    public void note(Member caller, String replyTo, String requestedSessionId, String rawText) {
        String text = text("text", rawText);
        SupportSession session = session(caller, requestedSessionId);
        requireGuide(session, caller, "only the agent or an expert writes ticket notes");
        long now = clock.millis();
        SessionJournal.Note note = new SessionJournal.Note(UUID.randomUUID().toString(), caller.subject(),
                caller.name(), text, now);
        journal.addNote(session.sessionId(), note, settings.maxNotes());
        String ticketId = session.ticket() == null ? null : session.ticket().id();
        for (Member member : session.members()) {
            if (member.role() == Role.CUSTOMER) {
                continue;
            }
            boolean own = member.participantId().equals(caller.participantId());
            sink.send(member.participantId(), new ServerMessage.TicketNoted(own ? replyTo : null, session.sessionId(),
                    ticketId, note.noteId(), note.by(), note.name(), text, now));
        }
    }

    /** The agent ends the session with an outcome and an optional note. */
    public void end(Member caller, String replyTo, String requestedSessionId, String outcome, String rawNote) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "outcome must be one of resolved_remotely, replacement, return, escalated");
        }
        String note = rawNote == null || rawNote.isBlank() ? null : text("note", rawNote);
        sessions.complete(caller, replyTo, requestedSessionId, outcome, note);
    }

    /** What an upload was refused for: the HTTP status, a stable code and a message. */
    public static final class SnapshotRefused extends RuntimeException {

        private final int status;
        private final String code;

        SnapshotRefused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Stores a snapshot the agent or an expert of the live session (known by its account {@code
     * subject}) took of the customer's video, checked by content and size.
     *
     * @throws SnapshotRefused 403 when the subject guides no such live session, 413 too large, 415
     *         not an image, 409 when the session holds the most snapshots it may
     */
    public SessionJournal.Snapshot storeSnapshot(String subject, String sessionId, byte[] bytes) {
        SupportSession session = registry.find(sessionId)
                .orElseThrow(() -> new SnapshotRefused(404, "not_found", "no live session with this id"));
        Member taker = session.members().stream()
                .filter(m -> m.subject().equals(subject) && (m.role() == Role.AGENT || m.role() == Role.EXPERT))
                .findFirst()
                .orElseThrow(() -> new SnapshotRefused(403, "forbidden",
                        "only the agent or an expert of this session takes snapshots"));
        return store(sessionId, taker, bytes);
    }

    /**
     * Stores a photo the customer of the live session (known by its customer id {@code subject})
     * took with its camera, checked like an agent's snapshot, and tells everyone in the session
     * ({@code snapshot.added}): the agent's console shows it at once, which matters most when the
     * link is too poor for video.
     *
     * @throws SnapshotRefused 403 when the subject is not the customer of such a live session, 413 too
     *         large, 415 not an image, 409 when the session holds the most snapshots it may
     */
    public SessionJournal.Snapshot storeCustomerPhoto(String subject, String sessionId, byte[] bytes) {
        SupportSession session = registry.find(sessionId)
                .orElseThrow(() -> new SnapshotRefused(404, "not_found", "no live session with this id"));
        Member taker = session.members().stream()
                .filter(m -> m.subject().equals(subject) && m.role() == Role.CUSTOMER)
                .findFirst()
                .orElseThrow(() -> new SnapshotRefused(403, "forbidden", "you are not the customer of this session"));
        SessionJournal.Snapshot snapshot = store(sessionId, taker, bytes);
        ServerMessage.SnapshotAdded added = new ServerMessage.SnapshotAdded(null, sessionId, snapshot.snapshotId(),
                "/api/sessions/" + sessionId + "/snapshots/" + snapshot.snapshotId(), snapshot.by(), snapshot.at());
        session.members().forEach(m -> sink.send(m.participantId(), added));
        return snapshot;
    }

    /**
     * The agent or an expert asks the customer's phone for a photo from its camera: the customers of
     * the session get {@code photo.requested}, the requester the same as its answer.
     */
    public void requestPhoto(Member caller, String replyTo, String requestedSessionId) {
        SupportSession session = session(caller, requestedSessionId);
        requireGuide(session, caller, "only the agent or an expert asks for photos");
        if (session.members().stream().noneMatch(m -> m.role() == Role.CUSTOMER)) {
            throw new SignalingException(ErrorCode.NOT_FOUND, "no customer is in this session");
        }
        for (Member member : session.members()) {
            if (member.role() == Role.CUSTOMER) {
                sink.send(member.participantId(), new ServerMessage.PhotoRequested(null, session.sessionId(),
                        caller.participantId()));
            }
        }
        sink.send(caller.participantId(), new ServerMessage.PhotoRequested(replyTo, session.sessionId(),
                caller.participantId()));
    }

    private SessionJournal.Snapshot store(String sessionId, Member taker, byte[] bytes) {
        if (bytes.length == 0 || bytes.length > settings.maxSnapshotSize().toBytes()) {
            throw new SnapshotRefused(413, "too_large", "a snapshot must have 1 byte to "
                    + settings.maxSnapshotSize().toKilobytes() + " KB");
        }
        PhotoType type = PhotoType.sniff(bytes).filter(SNAPSHOT_TYPES::contains)
                .orElseThrow(() -> new SnapshotRefused(415, "unsupported_type", "a snapshot is a JPEG, PNG or WebP image"));
        if (journal.snapshots(sessionId).size() >= settings.maxSnapshots()) {
            throw new SnapshotRefused(409, "too_many", "this session holds " + settings.maxSnapshots()
                    + " snapshots already");
        }
        String ref = photos.store(new PhotoStore.Photo(bytes, type.mediaType()));
        SessionJournal.Snapshot snapshot = new SessionJournal.Snapshot(ref, taker.participantId(), clock.millis(),
                type.mediaType(), bytes.length);
        if (!journal.addSnapshot(sessionId, snapshot, settings.maxSnapshots())) {
            throw new SnapshotRefused(409, "too_many", "this session holds " + settings.maxSnapshots()
                    + " snapshots already");
        }
        return snapshot;
    }

    /**
     * A snapshot of a session, for someone who is or was in it, or who may read every session.
     *
     * @param subject    the reader's account username or customer id
     * @param everything whether the reader may read every session (supervisors, admins, integrations)
     * @return the image, or empty when there is no such snapshot or the reader may not read it
     */
    public Optional<PhotoStore.Photo> snapshot(String subject, boolean everything, String sessionId,
                                               String snapshotId) {
        if (!everything && !attended(subject, sessionId)) {
            return Optional.empty();
        }
        boolean listed = journal.snapshots(sessionId).stream().anyMatch(s -> s.snapshotId().equals(snapshotId));
        return listed ? photos.load(snapshotId) : Optional.empty();
    }

    /** Whether someone is in the live session, or was at its end. */
    public boolean attended(String subject, String sessionId) {
        if (subject == null) {
            return false;
        }
        Optional<SupportSession> live = registry.find(sessionId);
        if (live.isPresent()) {
            return live.get().members().stream().anyMatch(m -> m.subject().equals(subject));
        }
        return journal.ending(sessionId)
                .map(e -> e.attendees().stream().anyMatch(a -> a.subject().equals(subject)))
                .orElse(false);
    }

    /**
     * The matching engine handed a queued customer to an agent: records when the customer joined the
     * queue and when the offer rang (null when the agent picked the customer itself), for the report's
     * queue wait and ring time.
     */
    public void matched(String sessionId, Member customer, Instant queuedAt, Member agent, Instant offeredAt) {
        journal.appendEvent(sessionId, new SessionJournal.Event("queued", queuedAt.toEpochMilli(),
                customer.participantId(), customer.subject(), customer.name(), customer.role().wire(), null),
                settings.maxEvents());
        if (offeredAt != null) {
            journal.appendEvent(sessionId, new SessionJournal.Event("offered", offeredAt.toEpochMilli(),
                    agent.participantId(), agent.subject(), agent.name(), agent.role().wire(), null),
                    settings.maxEvents());
        }
    }

    // ---- SessionListener

    @Override
    public void sessionStarted(SupportSession session, Instant at) {
        // the agent who created an invite session was in it before it started: from the start on, it counts
        for (Member member : session.members()) {
            joined(session, member, at.toEpochMilli());
        }
    }

    @Override
    public void memberEntered(SupportSession session, Member member) {
        joined(session, session.member(member.participantId()).orElse(member), clock.millis());
        List<SessionJournal.ChatEntry> chat = journal.chat(session.sessionId());
        // a session without chat has nothing to restore: clients start with an empty one
        if (!chat.isEmpty()) {
            sink.send(member.participantId(), new ServerMessage.ChatHistory(null, session.sessionId(),
                    chat.stream().map(c -> new ServerMessage.ChatMessage(null, session.sessionId(), c.messageId(),
                            c.from(), c.name(), c.role(), c.text(), c.at())).toList()));
        }
        journal.frozen(session.sessionId()).ifPresent(f -> sink.send(member.participantId(),
                new ServerMessage.SessionFrozen(null, session.sessionId(), f.snapshotId(), f.by(), f.at())));
    }

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        event(session, "left", at.toEpochMilli(), member, null);
        if (registry.sessionIdsOf(member.participantId()).isEmpty()) {
            chatTimes.remove(member.participantId());
        }
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        sessionEnded(session, reason, null, null, at);
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, String outcome, String note, Instant at) {
        String agent = session.member(session.agentId()).map(Member::subject).orElse(null);
        journal.ended(session.sessionId(), new SessionJournal.Ending(reason, outcome, note, agent,
                session.ticket() == null ? null : session.ticket().id(),
                session.startedAt() == null ? null : session.startedAt().toEpochMilli(), at.toEpochMilli(),
                session.members().stream().map(m -> new SessionJournal.Attendee(m.subject(), m.role().wire())).toList(),
                session.ticket()));
    }

    // ----

    /** Records that a member joined, unless the journal has it in the session already (a resume, or the start). */
    private void joined(SupportSession session, Member member, long at) {
        String last = null;
        for (SessionJournal.Event e : journal.events(session.sessionId())) {
            if (member.participantId().equals(e.participantId())
                    && ("joined".equals(e.kind()) || "left".equals(e.kind()))) {
                last = e.kind();
            }
        }
        if (!"joined".equals(last)) {
            event(session, "joined", at, member, null);
        }
    }

    private void event(SupportSession session, String kind, long at, Member who, String detail) {
        Role role = session.member(who.participantId()).map(Member::role).orElse(who.role());
        journal.appendEvent(session.sessionId(), new SessionJournal.Event(kind, at, who.participantId(), who.subject(),
                who.name(), role.wire(), detail), settings.maxEvents());
    }

    private SupportSession session(Member caller, String requestedSessionId) {
        String sessionId = sessions.sessionIdFor(caller, requestedSessionId);
        return registry.find(sessionId).filter(s -> s.has(caller.participantId()))
                .orElseThrow(SessionService::notInSession);
    }

    private static void requireGuide(SupportSession session, Member caller, String message) {
        Role role = session.member(caller.participantId()).map(Member::role).orElse(caller.role());
        if (role != Role.AGENT && role != Role.EXPERT) {
            throw new SignalingException(ErrorCode.FORBIDDEN, message);
        }
    }

    private String text(String field, String raw) {
        if (raw == null) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, field + " is required");
        }
        String text = raw.strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > settings.chatMaxLength()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    field + " must have 1 to " + settings.chatMaxLength() + " characters");
        }
        // line breaks and tabs are fine in a message; other control characters only garble it
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, field + " must not contain control characters");
        }
        return text;
    }

    private void admitChat(String participantId, long now) {
        Deque<Long> times = chatTimes.computeIfAbsent(participantId, id -> new ArrayDeque<>());
        synchronized (times) {
            long horizon = now - settings.chatRateWindow().toMillis();
            while (!times.isEmpty() && times.peekFirst() <= horizon) {
                times.pollFirst();
            }
            if (times.size() >= settings.chatRateLimit()) {
                throw new SignalingException(ErrorCode.RATE_LIMITED, "you send messages too fast; wait a moment");
            }
            times.addLast(now);
        }
    }

    private static ServerMessage.ChatMessage withReply(ServerMessage.ChatMessage m, String replyTo) {
        return new ServerMessage.ChatMessage(replyTo, m.sessionId(), m.messageId(), m.from(), m.name(), m.role(),
                m.text(), m.at());
    }
}
