package org.remotesupport.signaling.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.journal.SessionTimeline;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SupportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal timeline (chat, notes, snapshots, freezes, the ending; see {@link SessionTimeline})
 * of each ended session that was recorded as {@code <sessionId>.events.json} in a directory beside the
 * recordings, written when the session ends, so a recording's timeline outlives the journal's
 * retention. Reads it
 * back for the player, or builds it from the journal while the session runs or when the file is
 * missing. The write runs on the thread that ended the session (a few kilobytes); a failed write is
 * logged and the journal still answers until its retention runs out. Thread-safe.
 */
public final class SessionTimelineArchive implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionTimelineArchive.class);
    // the id names a file: only ids of the server's own alphabet get that far
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final TypeReference<List<SessionTimeline.Event>> EVENTS = new TypeReference<>() {
    };

    private final SessionJournal journal;
    private final RecordingIndex recordings;
    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();

    public SessionTimelineArchive(SessionJournal journal, RecordingIndex recordings, Path directory) {
        this.journal = journal;
        this.recordings = recordings;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * The session's timeline: the file written at its end, else built from the journal.
     *
     * @param sessionStartedAt the origin of the offsets when the timeline is built from the journal
     *                         (null: the journal's ending's start, else the first event)
     */
    public List<SessionTimeline.Event> read(String sessionId, Instant sessionStartedAt) throws IOException {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return List.of();
        }
        Path file = file(sessionId);
        if (Files.isRegularFile(file)) {
            return json.readValue(file.toFile(), EVENTS);
        }
        Optional<SessionJournal.Ending> ending = journal.ending(sessionId);
        Long origin = sessionStartedAt != null ? Long.valueOf(sessionStartedAt.toEpochMilli())
                : ending.map(SessionJournal.Ending::startedAt).orElse(null);
        List<SessionTimeline.Event> events = SessionTimeline.of(journal, sessionId, origin == null ? 0 : origin,
                ending.orElse(null));
        if (origin == null && !events.isEmpty()) {
            long first = events.get(0).at();
            events = SessionTimeline.of(journal, sessionId, first, ending.orElse(null));
        }
        return events;
    }

    /** Deletes the session's stored timeline (its recording was deleted); false if there was none. */
    public boolean delete(String sessionId) throws IOException {
        return sessionId != null && SESSION_ID.matcher(sessionId).matches() && Files.deleteIfExists(file(sessionId));
    }

    /** {@link #delete} for the recording service: a failure is logged, the recording's deletion stands. */
    public void forget(String sessionId) {
        try {
            delete(sessionId);
        } catch (IOException | RuntimeException e) {
            log.warn("timeline of session {} not deleted with its last recording", sessionId, e);
        }
    }

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        // members come and go within the session; the timeline is kept once it ended
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        sessionEnded(session, reason, null, null, at);
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, String outcome, String note, Instant at) {
        // only a recording needs the timeline past the journal's retention
        if (!SESSION_ID.matcher(session.sessionId()).matches() || recordings.ofSession(session.sessionId()).isEmpty()) {
            return;
        }
        // the ending comes from the caller: the journal may not have recorded it yet
        long origin = session.startedAt() == null ? at.toEpochMilli() : session.startedAt().toEpochMilli();
        String agent = session.member(session.agentId()).map(Member::subject).orElse(null);
        SessionJournal.Ending ending = new SessionJournal.Ending(reason, outcome, note, agent,
                session.ticket() == null ? null : session.ticket().id(), origin, at.toEpochMilli(), List.of());
        try {
            List<SessionTimeline.Event> events = SessionTimeline.of(journal, session.sessionId(), origin, ending);
            Files.createDirectories(directory);
            // written aside and moved: a reader never sees half a file
            Path partial = directory.resolve(session.sessionId() + ".events.json.part");
            json.writeValue(partial.toFile(), events);
            Files.move(partial, file(session.sessionId()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("timeline of session {} not stored; the journal keeps it until its retention runs out",
                    session.sessionId(), e);
        }
    }

    private Path file(String sessionId) {
        return directory.resolve(sessionId + ".events.json");
    }
}
