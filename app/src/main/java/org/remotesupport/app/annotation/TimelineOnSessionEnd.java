package org.remotesupport.app.annotation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.annotation.timeline.Timeline;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SupportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a session ends, writes its markup timeline (every op, times relative to the session start)
 * to {@code <data-dir>/timelines/<sessionId>.json} for session reports and hands it to the recording
 * service, which stores it with each of the session's recordings (so every node serves it and it is
 * deleted with them); then drops the session's op log: the log lives as long as the session. Runs on
 * the thread that ended the session; a failed write is logged and the log is kept.
 */
public final class TimelineOnSessionEnd implements SessionListener {

    private static final Logger log = LoggerFactory.getLogger(TimelineOnSessionEnd.class);

    private final AnnotationService annotations;
    private final Path directory;
    private final RecordingService recordings;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** {@code recordings} may be null when recording is not part of the application. */
    public TimelineOnSessionEnd(AnnotationService annotations, Path directory, RecordingService recordings) {
        this.annotations = annotations;
        this.directory = directory;
        this.recordings = recordings;
    }

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        // the log outlives members: one who comes back resyncs from it
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        try {
            Timeline timeline = annotations.timeline(session.sessionId(), session.startedAt());
            if (!timeline.entries().isEmpty()) {
                byte[] bytes = json.writeValueAsBytes(timeline);
                Files.createDirectories(directory);
                Files.write(directory.resolve(session.sessionId() + ".json"), bytes);
                if (recordings != null) {
                    recordings.saveTimeline(session.sessionId(), bytes);
                }
            }
            annotations.endSession(session.sessionId());
        } catch (IOException | RuntimeException e) {
            log.warn("markup timeline of session {} not exported; its op log is kept", session.sessionId(), e);
        }
    }
}
