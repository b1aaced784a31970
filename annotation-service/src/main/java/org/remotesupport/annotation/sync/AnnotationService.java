package org.remotesupport.annotation.sync;

import static org.remotesupport.protocol.annotation.AnnotationErrorCode.DRAWING_NOT_ALLOWED;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.INVALID_FIELD;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.READ_ONLY;
import static org.remotesupport.protocol.annotation.AnnotationErrorCode.STORE_UNAVAILABLE;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationRole;
import org.remotesupport.annotation.log.OpLogStore;
import org.remotesupport.annotation.log.OpLogStore.AppendResult;
import org.remotesupport.annotation.timeline.Timeline;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.AnnotationProtocol;
import org.remotesupport.protocol.annotation.AnnotationServerMessage;
import org.remotesupport.protocol.annotation.CommittedOp;

/**
 * The server's authority over markups: joins clients to a session's log (with what they missed),
 * sequences, checks, stores and fans out their ops, relays pointers without storing them, and
 * exports the log as a timeline. Thread-safe: each session's work runs under that session's lock on
 * the caller's thread (a WebSocket thread); the store is called under it.
 */
public final class AnnotationService {

    private static final int PAGE = 1000;
    private static final int APPEND_ATTEMPTS = 5;

    private final OpLogStore store;
    private final AnnotationLimits limits;
    private final OpResolver resolver;
    private final Clock clock;
    private final AnnotationCodec codec;
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();

    public AnnotationService(OpLogStore store, AnnotationLimits limits, Clock clock, AnnotationCodec codec) {
        this.store = store;
        this.limits = limits;
        this.resolver = new OpResolver(limits);
        this.clock = clock;
        this.codec = codec;
    }

    /** The limits clients are held to. */
    public AnnotationLimits limits() {
        return limits;
    }

    /**
     * Subscribes a client to the session and sends it {@code joined}, then exactly the ops after
     * {@code lastSeq} (or a snapshot when it is further behind than the server replays, or claims
     * to be ahead).
     *
     * @return what to call when the client goes away
     */
    public Runnable join(String sessionId, Access access, long lastSeq, Subscriber subscriber) throws OpRejected {
        SessionState state = state(sessionId);
        synchronized (state) {
            catchUp(sessionId, state);
            MarkupBoard board = state.board;
            subscriber.deliver(codec.write(new AnnotationServerMessage.Joined(AnnotationProtocol.VERSION,
                    access.participantId(), access.role().wire(), canDraw(access.role(), state),
                    state.customerMayDraw, board.lastSeq(), wireLimits())));
            if (lastSeq > board.lastSeq() || board.lastSeq() - lastSeq > limits.resyncOps()) {
                subscriber.deliver(codec.write(new AnnotationServerMessage.Snapshot(board.lastSeq(), board.visible(),
                        board.hidden())));
            } else {
                List<CommittedOp> missed = new ArrayList<>();
                long from = Math.max(0, lastSeq);
                while (from < board.lastSeq()) {
                    List<CommittedOp> page = readAfter(sessionId, from);
                    if (page.isEmpty()) {
                        break;
                    }
                    page.stream().filter(op -> op.seq() <= board.lastSeq()).forEach(missed::add);
                    from = page.get(page.size() - 1).seq();
                }
                subscriber.deliver(codec.write(new AnnotationServerMessage.Ops(missed)));
            }
            state.subscribers.add(subscriber);
        }
        return () -> state.subscribers.remove(subscriber);
    }

    /**
     * Commits an op: checks that the author may draw, returns the seq of an op id already committed
     * without applying it again, else resolves, stores and fans the op out to every subscriber.
     *
     * @return the op's seq
     * @throws OpRejected with the reason, changing nothing
     */
    public long push(String sessionId, Access author, AnnotationClientMessage.Op op) throws OpRejected {
        SessionState state = state(sessionId);
        synchronized (state) {
            catchUp(sessionId, state);
            if (op.opId() != null) {
                var done = state.board.seqOf(author.participantId(), op.opId());
                if (done.isPresent()) {
                    return done.get();
                }
            }
            if (author.role() == AnnotationRole.OBSERVER) {
                throw new OpRejected(READ_ONLY, "observers do not draw");
            }
            if (!canDraw(author.role(), state)) {
                throw new OpRejected(DRAWING_NOT_ALLOWED, "the agent has not allowed the customer to draw");
            }
            for (int attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
                CommittedOp effect = resolver.resolve(state.board, author.participantId(), op, clock.millis());
                AppendResult result;
                try {
                    result = store.append(sessionId, state.board.lastSeq(), effect);
                } catch (RuntimeException e) {
                    throw new OpRejected(STORE_UNAVAILABLE, "the op log is unavailable; resend later");
                }
                if (result instanceof AppendResult.Appended appended) {
                    CommittedOp committed = effect.withSeq(appended.seq());
                    state.board.offer(committed);
                    fanOut(state, List.of(committed));
                    return appended.seq();
                }
                // another node appended first: take its ops, then check this op again against them
                catchUp(sessionId, state);
                if (result instanceof AppendResult.Duplicate duplicate) {
                    return duplicate.seq();
                }
            }
            throw new OpRejected(STORE_UNAVAILABLE, "the op log is busy; resend later");
        }
    }

    /** Relays a pointer to the session's other subscribers; stores nothing. */
    public void pointer(String sessionId, Access from, AnnotationClientMessage.Pointer pointer, Subscriber sender)
            throws OpRejected {
        if (from.role() == AnnotationRole.OBSERVER) {
            throw new OpRejected(READ_ONLY, "observers do not point");
        }
        boolean visible = pointer.visible() == null || pointer.visible();
        if (visible && (pointer.x() == null || pointer.y() == null || !Double.isFinite(pointer.x())
                || !Double.isFinite(pointer.y()) || pointer.x() < 0 || pointer.x() > 1 || pointer.y() < 0
                || pointer.y() > 1)) {
            throw new OpRejected(INVALID_FIELD, "a visible pointer needs x and y from 0 to 1");
        }
        if (pointer.track() != null && pointer.track().length() > 128) {
            throw new OpRejected(INVALID_FIELD, "track is at most 128 characters");
        }
        String json = codec.write(new AnnotationServerMessage.Pointer(from.participantId(), from.role().wire(),
                visible ? pointer.x() : null, visible ? pointer.y() : null, pointer.track(), visible));
        SessionState state = state(sessionId);
        for (Subscriber s : state.subscribers) {
            if (s != sender) {
                s.deliver(json);
            }
        }
    }

    /** The agent lets the customer draw, or stops; every subscriber hears it. */
    public void permit(String sessionId, Access from, boolean customerMayDraw) throws OpRejected {
        if (from.role() != AnnotationRole.AGENT) {
            throw new OpRejected(DRAWING_NOT_ALLOWED, "only the agent decides whether the customer draws");
        }
        SessionState state = state(sessionId);
        synchronized (state) {
            state.customerMayDraw = customerMayDraw;
            String json = codec.write(new AnnotationServerMessage.Permit(customerMayDraw));
            state.subscribers.forEach(s -> s.deliver(json));
        }
    }

    /** Every committed op of the session, in seq order, with times relative to {@code sessionStart}. */
    public Timeline timeline(String sessionId, Instant sessionStart) {
        List<CommittedOp> all = new ArrayList<>();
        long from = 0;
        while (true) {
            List<CommittedOp> page = store.readAfter(sessionId, from, PAGE);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            from = page.get(page.size() - 1).seq();
        }
        return Timeline.of(sessionId, sessionStart, all);
    }

    /** Forgets the session here and in the store (it ended; export its timeline first). */
    public void endSession(String sessionId) {
        sessions.remove(sessionId);
        store.delete(sessionId);
    }

    private boolean canDraw(AnnotationRole role, SessionState state) {
        return switch (role) {
            case AGENT, EXPERT -> true;
            case CUSTOMER -> state.customerMayDraw;
            case OBSERVER -> false;
        };
    }

    private AnnotationServerMessage.Limits wireLimits() {
        return new AnnotationServerMessage.Limits(limits.opsPerSecond(), limits.pointsPerStroke(), limits.textLength(),
                limits.markupsPerSession(), limits.messageBytes());
    }

    private SessionState state(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new SessionState());
    }

    // brings the board up to the store: the whole log on first use, ops of other nodes later
    private void catchUp(String sessionId, SessionState state) throws OpRejected {
        while (true) {
            List<CommittedOp> page = readAfter(sessionId, state.board.lastSeq());
            if (page.isEmpty()) {
                return;
            }
            List<CommittedOp> applied = new ArrayList<>();
            for (CommittedOp op : page) {
                applied.addAll(state.board.offer(op));
            }
            fanOut(state, applied);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private List<CommittedOp> readAfter(String sessionId, long seq) throws OpRejected {
        try {
            return store.readAfter(sessionId, seq, PAGE);
        } catch (RuntimeException e) {
            throw new OpRejected(STORE_UNAVAILABLE, "the op log is unavailable; try again later");
        }
    }

    private void fanOut(SessionState state, List<CommittedOp> ops) {
        if (ops.isEmpty() || state.subscribers.isEmpty()) {
            return;
        }
        String json = codec.write(new AnnotationServerMessage.Ops(ops));
        state.subscribers.forEach(s -> s.deliver(json));
    }

    private static final class SessionState {
        final MarkupBoard board = new MarkupBoard();
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        boolean customerMayDraw;
    }
}
