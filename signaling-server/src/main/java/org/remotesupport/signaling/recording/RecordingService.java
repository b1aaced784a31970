package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayException;
import org.remotesupport.protocol.relay.RelayRecording;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.session.SupportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session recording with the customer's consent: the agent asks ({@link #request}), the customer
 * is asked and answers ({@link #consent}), every answer is logged (logger
 * {@code org.remotesupport.audit.recording}) and a granted one starts the relay's recording tap and
 * an index entry; {@link #stop} or the end of the session stops it and completes the entry. Also
 * deletes recordings on request and, periodically, those past the retention period. Message methods
 * run on WebSocket threads; session events are handed to the service's own executor because stopping
 * waits for the relay to write what it has queued. A stopped recording is committed to the store (an
 * upload for object storage) on the purge thread, where files left in the spool by a failed upload or
 * a crash are committed too, at start-up and then periodically. The consent state of a session lives on the
 * node that handles it (the index is shared).
 */
public final class RecordingService implements SessionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingService.class);
    private static final Logger audit = LoggerFactory.getLogger("org.remotesupport.audit.recording");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PURGE_BATCH = 200;
    private static final int LIST_PAGE = 1000;

    /** Why a recording stopped, as {@code recording.stopped} says. */
    public static final String STOPPED = "stopped";
    public static final String SESSION_ENDED = "session_ended";
    public static final String FAILED = "failed";

    private final RecordingProperties properties;
    private final SessionRegistry sessions;
    private final SessionService sessionService;
    private final RelayControl relay;
    private final MessageSink sink;
    private final RecordingIndex index;
    private final RecordingStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final ExecutorService worker;
    private final ScheduledExecutorService purger;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    // recordings whose file the relay of this node may still write: never committed from the spool
    private final java.util.Set<String> live = ConcurrentHashMap.newKeySet();

    /** A session's recording state on this node: asking the customer, or recording. */
    private record State(String requestedBy, String requestedByName, Instant askedAt, String recordingId) {
    }

    public RecordingService(RecordingProperties properties, SessionRegistry sessions, SessionService sessionService,
                            RelayControl relay, MessageSink sink, RecordingIndex index, RecordingStore store,
                            Clock clock, SecureRandom random, ExecutorService worker,
                            ScheduledExecutorService purger) {
        this.properties = properties;
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.relay = relay;
        this.sink = sink;
        this.index = index;
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.worker = worker;
        this.purger = purger;
    }

    /** Starts the periodic retention purge and commits (uploads) what an earlier run left in the spool. */
    public void start() {
        long every = properties.purgeInterval().toMillis();
        purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
        long retry = properties.uploadRetryInterval().toMillis();
        purger.scheduleWithFixedDelay(this::commitSpooled, 0, retry, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        purger.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public RecordingIndex index() {
        return index;
    }

    public RecordingStore store() {
        return store;
    }

    // ---------------------------------------------------------------- protocol messages

    /** {@code recording.request}: the agent asks; the customer gets {@code recording.consent.request}. */
    public void request(Member caller, String replyTo, String requestedSessionId) {
        if (!properties.enabled()) {
            throw new SignalingException(ErrorCode.RECORDING_UNAVAILABLE, "recording is not offered on this server");
        }
        String sessionId = sessionService.sessionIdFor(caller, requestedSessionId);
        SupportSession session = memberSession(sessionId, caller);
        if (caller.role() != Role.AGENT || !caller.participantId().equals(session.agentId())) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only the session's agent can ask to record it");
        }
        Member customer = session.customer().orElseThrow(() -> new SignalingException(
                ErrorCode.RECORDING_UNAVAILABLE, "the customer has not joined yet: there is nobody to ask"));
        State asking = new State(caller.subject(), caller.name(), clock.instant(), null);
        if (states.putIfAbsent(sessionId, asking) != null) {
            throw new SignalingException(ErrorCode.RECORDING_IN_PROGRESS,
                    "this session is already recorded, or its customer is being asked");
        }
        sink.send(caller.participantId(), new ServerMessage.RecordingConsentRequest(replyTo, sessionId, caller.name()));
        sink.send(customer.participantId(), new ServerMessage.RecordingConsentRequest(null, sessionId, caller.name()));
    }

    /** {@code recording.consent}: the customer's answer; logged, and a granted one starts the recording. */
    public void consent(Member caller, String replyTo, String requestedSessionId, boolean granted) {
        String sessionId = sessionService.sessionIdFor(caller, requestedSessionId);
        SupportSession session = memberSession(sessionId, caller);
        if (caller.role() != Role.CUSTOMER) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only the customer answers the consent question");
        }
        State asking = states.get(sessionId);
        if (asking == null || asking.recordingId() != null) {
            throw new SignalingException(ErrorCode.NOT_RECORDING, "nobody asked to record this session");
        }
        Instant now = clock.instant();
        RecordingEntry.Consent consent = new RecordingEntry.Consent(caller.subject(), caller.name(),
                asking.requestedBy(), asking.askedAt(), now, granted);
        audit.info("recording consent session={} customer={} requestedBy={} askedAt={} answeredAt={} granted={}",
                sessionId, caller.subject(), asking.requestedBy(), asking.askedAt(), now, granted);
        if (!granted) {
            states.remove(sessionId, asking);
            sink.send(caller.participantId(), new ServerMessage.RecordingDeclined(replyTo, sessionId));
            for (Member member : session.others(caller.participantId())) {
                sink.send(member.participantId(), new ServerMessage.RecordingDeclined(null, sessionId));
            }
            return;
        }
        String recordingId = newId();
        State recording = new State(asking.requestedBy(), asking.requestedByName(), asking.askedAt(), recordingId);
        if (!states.replace(sessionId, asking, recording)) {
            throw new SignalingException(ErrorCode.NOT_RECORDING, "the request was withdrawn");
        }
        live.add(recordingId);
        try {
            relay.startRecording(sessionId, recordingId, session.endpointOf(caller.participantId()).value());
        } catch (RelayException | IllegalArgumentException e) {
            live.remove(recordingId);
            states.remove(sessionId, recording);
            log.warn("session {}: the relay did not start recording: {}", sessionId, e.getMessage());
            throw new SignalingException(ErrorCode.RECORDING_UNAVAILABLE, "the media relay cannot record now");
        }
        index.save(newEntry(session, recordingId, consent, now));
        ServerMessage.RecordingStarted started = new ServerMessage.RecordingStarted(null, sessionId, recordingId,
                now.toEpochMilli());
        for (Member member : session.members()) {
            sink.send(member.participantId(), member.participantId().equals(caller.participantId())
                    ? new ServerMessage.RecordingStarted(replyTo, sessionId, recordingId, now.toEpochMilli())
                    : started);
        }
    }

    /** {@code recording.stop}: the agent stops recording, or the customer withdraws its consent. */
    public void stop(Member caller, String replyTo, String requestedSessionId) {
        String sessionId = sessionService.sessionIdFor(caller, requestedSessionId);
        SupportSession session = memberSession(sessionId, caller);
        boolean allowed = (caller.role() == Role.AGENT && caller.participantId().equals(session.agentId()))
                || caller.role() == Role.CUSTOMER;
        if (!allowed) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only the session's agent or its customer can stop recording");
        }
        State state = states.get(sessionId);
        if (state == null) {
            throw new SignalingException(ErrorCode.NOT_RECORDING, "this session is not being recorded");
        }
        if (state.recordingId() == null) {
            // withdrawn before the customer answered
            states.remove(sessionId, state);
            for (Member member : session.members()) {
                sink.send(member.participantId(), new ServerMessage.RecordingStopped(
                        member.participantId().equals(caller.participantId()) ? replyTo : null, sessionId, null, 0,
                        STOPPED));
            }
            return;
        }
        finish(sessionId, state, STOPPED, session.members(), caller.participantId(), replyTo);
    }

    /** Records the session's outcome on its recordings (for the library's outcome filter). */
    public void recordOutcome(String sessionId, String outcome) {
        for (RecordingEntry entry : index.ofSession(sessionId)) {
            index.save(entry.withOutcome(outcome));
        }
    }

    // ---------------------------------------------------------------- session events

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        State state = states.get(session.sessionId());
        if (state != null && state.recordingId() == null && member.role() == Role.CUSTOMER) {
            // nobody is left to answer
            states.remove(session.sessionId(), state);
        }
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, String outcome, String note, Instant at) {
        sessionEnded(session, reason, at);
        if (outcome != null) {
            // on the worker, behind the finishing of a running recording, so its final entry gets the outcome too
            runOnWorker(() -> recordOutcome(session.sessionId(), outcome));
        }
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        State state = states.get(session.sessionId());
        if (state == null) {
            return;
        }
        if (state.recordingId() == null) {
            states.remove(session.sessionId(), state);
            return;
        }
        runOnWorker(() -> finish(session.sessionId(), state, SESSION_ENDED, List.of(), null, null));
    }

    /** Runs a task on the worker, or here once the worker has shut down. */
    private void runOnWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    private void finish(String sessionId, State state, String reason, List<Member> tell, String callerId,
                        String replyTo) {
        if (!states.remove(sessionId, state)) {
            return;
        }
        RelayRecording recorded;
        try {
            recorded = relay.stopRecording(sessionId);
        } catch (RuntimeException e) {
            log.warn("session {}: stopping the recording failed", sessionId, e);
            recorded = null;
        }
        // the relay has closed the file (or given up on it): what it wrote may now leave the spool
        live.remove(state.recordingId());
        Instant now = clock.instant();
        Optional<RecordingEntry> entry = index.find(state.recordingId());
        long duration = 0;
        if (entry.isPresent()) {
            boolean complete = recorded != null && !recorded.dropped().containsKey("write_failed");
            RecordingEntry done = recorded == null
                    ? entry.get().finished(now, RecordingEntry.FAILED, 0, 0, 0, 0, 0)
                    : entry.get().finished(now, complete ? RecordingEntry.COMPLETE : RecordingEntry.FAILED,
                    recorded.durationMs(), recorded.bytes(), recorded.width(), recorded.height(),
                    recorded.audioTracks());
            // staff who joined later (experts, observers) were part of it too
            SupportSession session = sessions.find(sessionId).orElse(null);
            if (session != null) {
                for (Member member : session.members()) {
                    if (member.role() != Role.CUSTOMER) {
                        done = done.withStaff(member.subject());
                    }
                }
            }
            index.save(done);
            duration = done.durationMs();
            log.info("recording {} of session {} {}: {} ms, {} bytes, dropped {}", done.recordingId(), sessionId,
                    done.state(), done.durationMs(), done.bytes(), recorded == null ? "?" : recorded.dropped());
            String fileName = done.fileName();
            // uploads run on the purge thread: a large one must not hold up the stop or other sessions
            try {
                purger.execute(() -> commit(fileName));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.info("{} stays in the spool: the server is stopping; it is uploaded at the next start", fileName);
            }
        }
        for (Member member : tell) {
            sink.send(member.participantId(), new ServerMessage.RecordingStopped(
                    member.participantId().equals(callerId) ? replyTo : null, sessionId, state.recordingId(),
                    duration, recorded == null ? FAILED : reason));
        }
    }

    // ---------------------------------------------------------------- deletion and retention

    /** Deletes a recording's media and its index entry; false if there is no such recording. */
    public boolean delete(String recordingId) throws IOException {
        Optional<RecordingEntry> entry = index.find(recordingId);
        if (entry.isEmpty()) {
            return false;
        }
        if (RecordingEntry.RECORDING.equals(entry.get().state())) {
            throw new IllegalStateException("the recording is still running; stop it first");
        }
        deleteStored(entry.get());
        index.delete(recordingId);
        audit.info("recording deleted id={} session={}", recordingId, entry.get().sessionId());
        return true;
    }

    /** Deletes every recording that ended before the retention period; returns how many. */
    public int purgeExpired() throws IOException {
        Instant cutoff = clock.instant().minus(properties.retention());
        int deleted = 0;
        List<RecordingEntry> batch;
        do {
            batch = index.endedBefore(cutoff, PURGE_BATCH);
            for (RecordingEntry entry : batch) {
                deleteStored(entry);
                index.delete(entry.recordingId());
                deleted++;
            }
        } while (batch.size() == PURGE_BATCH);
        if (deleted > 0) {
            audit.info("retention purge deleted {} recordings that ended before {}", deleted, cutoff);
        }
        int orphans = purgeOrphans(cutoff);
        if (orphans > 0) {
            audit.info("retention purge deleted {} stored objects older than {} that no recording accounts for",
                    orphans, cutoff);
        }
        return deleted;
    }

    /** The recording's media, its markup timeline and its session's events. */
    private void deleteStored(RecordingEntry entry) throws IOException {
        store.delete(entry.fileName());
        store.delete(timelineName(entry));
        store.delete(RecordingStore.eventsName(entry.recordingId()));
    }

    /**
     * Deletes stored objects older than the cutoff whose recording is not in the index (an index entry
     * removed while the store could not be reached, an upload that finished after a deletion).
     */
    private int purgeOrphans(Instant cutoff) throws IOException {
        int deleted = 0;
        String after = null;
        List<RecordingStore.StoredObject> page;
        do {
            page = store.list(after, LIST_PAGE);
            for (RecordingStore.StoredObject object : page) {
                after = object.name();
                String recordingId = RecordingStore.recordingIdOf(object.name()).orElse(null);
                if (recordingId != null && object.lastModified().isBefore(cutoff) && !live.contains(recordingId)
                        && index.find(recordingId).isEmpty()) {
                    store.delete(object.name());
                    deleted++;
                }
            }
        } while (page.size() == LIST_PAGE);
        return deleted;
    }

    // ---------------------------------------------------------------- storage

    /**
     * Stores a session's timeline (JSON) with each of the session's recordings, so that any node
     * serves it and deleting a recording deletes it. Runs on the worker, after the finishing of a
     * recording the session's end stopped.
     */
    public void saveTimeline(String sessionId, byte[] json) {
        saveWithEachRecording(sessionId, RecordingService::timelineName, json, "markup timeline");
    }

    /**
     * Stores a session's events (JSON: chat, notes, snapshots, freezes, the ending) with each of the
     * session's recordings, like {@link #saveTimeline}, so they outlive the journal's retention.
     */
    public void saveEvents(String sessionId, byte[] json) {
        saveWithEachRecording(sessionId, entry -> RecordingStore.eventsName(entry.recordingId()), json, "events");
    }

    /** Whether the session has a recording in the index. */
    public boolean recorded(String sessionId) {
        return !index.ofSession(sessionId).isEmpty();
    }

    private void saveWithEachRecording(String sessionId, java.util.function.Function<RecordingEntry, String> name,
                                       byte[] json, String what) {
        runOnWorker(() -> {
            for (RecordingEntry entry : index.ofSession(sessionId)) {
                try {
                    store.write(name.apply(entry), json);
                } catch (IOException | RuntimeException e) {
                    log.warn("{} of recording {} not stored", what, entry.recordingId(), e);
                }
            }
        });
    }

    /** The recording's stored timeline (JSON), or empty if none was stored with it. */
    public Optional<String> timeline(RecordingEntry entry) throws IOException {
        return readStored(timelineName(entry));
    }

    /** The events of the recording's session as stored with it (JSON), or empty if none were. */
    public Optional<String> events(RecordingEntry entry) throws IOException {
        return readStored(RecordingStore.eventsName(entry.recordingId()));
    }

    private Optional<String> readStored(String name) throws IOException {
        Optional<Long> size = store.size(name);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        try (var in = store.open(name, 0, size.get())) {
            return Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Commits (uploads) the finished files waiting in the spool; returns how many. */
    public int commitSpooled() {
        int committed = 0;
        try {
            for (String name : store.spooled()) {
                String recordingId = RecordingStore.recordingIdOf(name).orElse(null);
                if (recordingId != null && !live.contains(recordingId) && commit(name)) {
                    committed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("looking for recordings left in the spool failed; looking again in {}",
                    properties.uploadRetryInterval(), e);
        }
        return committed;
    }

    private boolean commit(String name) {
        try {
            return store.commit(name);
        } catch (IOException | RuntimeException e) {
            log.warn("{} stays in the spool, to be uploaded again within {}: {}", name,
                    properties.uploadRetryInterval(), e.toString());
            return false;
        }
    }

    /** The timeline object named by the entry; entries from before timelines were stored get the usual name. */
    private static String timelineName(RecordingEntry entry) {
        String named = entry.markupTimeline();
        return RecordingStore.recordingIdOf(named).isPresent() && named.endsWith(".timeline.json")
                ? named : RecordingStore.timelineName(entry.recordingId());
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (IOException | RuntimeException e) {
            log.warn("retention purge of recordings failed; it runs again in {}", properties.purgeInterval(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private SupportSession memberSession(String sessionId, Member caller) {
        return sessions.find(sessionId).filter(s -> s.has(caller.participantId()))
                .orElseThrow(SessionService::notInSession);
    }

    private RecordingEntry newEntry(SupportSession session, String recordingId, RecordingEntry.Consent consent,
                                    Instant now) {
        Member agent = session.member(session.agentId()).orElse(null);
        List<String> staff = new ArrayList<>();
        for (Member member : session.members()) {
            if (member.role() != Role.CUSTOMER && !staff.contains(member.subject())) {
                staff.add(member.subject());
            }
        }
        var ticket = session.ticket();
        return new RecordingEntry(recordingId, session.sessionId(), ticket == null ? null : ticket.id(),
                ticket == null ? null : ticket.product(), ticket == null ? null : ticket.category(),
                ticket == null ? null : ticket.language(), agent == null ? null : agent.subject(),
                agent == null ? null : agent.name(), staff, session.startedAt(), now, null, 0, null, consent,
                RecordingEntry.RECORDING, recordingId + ".webm", "video/webm", 0, 0, 0, 0,
                RecordingStore.timelineName(recordingId))
                // the ticket's words about the fault, for the library's text search
                .withDescription(ticket == null || ticket.description().isEmpty() ? null : ticket.description());
    }

    private String newId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }
}
