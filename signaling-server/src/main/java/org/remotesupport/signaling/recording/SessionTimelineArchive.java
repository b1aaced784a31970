package org.remotesupport.signaling.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * of each ended session that was recorded: when the session ends it is stored with each of the
 * session's recordings in the {@link RecordingStore} ({@code <recordingId>.events.json}), so any node
 * serves it, it outlives the journal's retention and it goes when the recording is deleted. Reads
 * it back for the player, or builds it from the journal while the session runs or when nothing was
 * stored. {@link #sessionEnded} builds the timeline on the thread that ended the session and hands
 * the write to the recording service's worker; a failed write is logged and the journal still
 * answers until its retention runs out. Thread-safe.
 */
public final class SessionTimelineArchive implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionTimelineArchive.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final TypeReference<List<SessionTimeline.Event>> EVENTS = new TypeReference<>() {
    };

    private final SessionJournal journal;
    private final RecordingService recordings;
    private final ObjectMapper json = new ObjectMapper();

    public SessionTimelineArchive(SessionJournal journal, RecordingService recordings) {
        this.journal = journal;
        this.recordings = recordings;
    }

    /** The timeline of the recording's session: what was stored with the recording, else built from the journal. */
    public List<SessionTimeline.Event> read(RecordingEntry recording) throws IOException {
        Optional<String> stored = recordings.events(recording);
        if (stored.isPresent()) {
            return json.readValue(stored.get(), EVENTS);
        }
        return read(recording.sessionId(), recording.sessionStartedAt());
    }

    /**
     * The session's timeline built from the journal.
     *
     * @param sessionStartedAt the origin of the offsets (null: the journal's ending's start, else the first event)
     */
    public List<SessionTimeline.Event> read(String sessionId, Instant sessionStartedAt) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return List.of();
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
        if (!recordings.recorded(session.sessionId())) {
            return;
        }
        // the ending comes from the caller: the journal may not have recorded it yet
        long origin = session.startedAt() == null ? at.toEpochMilli() : session.startedAt().toEpochMilli();
        String agent = session.member(session.agentId()).map(Member::subject).orElse(null);
        SessionJournal.Ending ending = new SessionJournal.Ending(reason, outcome, note, agent,
                session.ticket() == null ? null : session.ticket().id(), origin, at.toEpochMilli(), List.of());
        try {
            List<SessionTimeline.Event> events = SessionTimeline.of(journal, session.sessionId(), origin, ending);
            recordings.saveEvents(session.sessionId(), json.writeValueAsBytes(events));
        } catch (IOException | RuntimeException e) {
            log.warn("timeline of session {} not stored; the journal keeps it until its retention runs out",
                    session.sessionId(), e);
        }
    }
}
