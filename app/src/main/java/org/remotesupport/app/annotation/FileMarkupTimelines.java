package org.remotesupport.app.annotation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.annotation.sync.MarkupBoard;
import org.remotesupport.annotation.timeline.Timeline;
import org.remotesupport.signaling.recording.MarkupTimelines;

/**
 * Reads a session's markup timeline for the recording player: the file {@link TimelineOnSessionEnd}
 * wrote when the session ended, or, while the session still runs, the annotation service's op log;
 * and, for the session report, the markups on screen at chosen moments (the ops up to each moment
 * applied to a {@link MarkupBoard}, as every client applies them). Thread-safe.
 */
public final class FileMarkupTimelines implements MarkupTimelines {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AnnotationService annotations;
    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public FileMarkupTimelines(AnnotationService annotations, Path directory) {
        this.annotations = annotations;
        this.directory = directory;
    }

    @Override
    public Optional<String> read(String sessionId, Instant sessionStartedAt) throws IOException {
        // the id names a file: only ids of the server's own alphabet get that far
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(sessionId + ".json");
        if (Files.isRegularFile(file)) {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
        Timeline live = annotations.timeline(sessionId, sessionStartedAt);
        return live.entries().isEmpty() ? Optional.empty() : Optional.of(json.writeValueAsString(live));
    }

    @Override
    public List<String> markupsAt(String sessionId, Instant sessionStartedAt, List<Long> offsetsMs)
            throws IOException {
        Optional<String> raw = read(sessionId, sessionStartedAt);
        Timeline timeline = raw.isEmpty() ? null : json.readValue(raw.get(), Timeline.class);
        List<String> answers = new ArrayList<>(offsetsMs.size());
        for (long offset : offsetsMs) {
            MarkupBoard board = new MarkupBoard();
            if (timeline != null) {
                for (Timeline.Entry entry : timeline.entries()) {
                    if (entry.offsetMs() <= offset) {
                        board.offer(entry.op());
                    }
                }
            }
            answers.add(json.writeValueAsString(board.visible()));
        }
        return answers;
    }
}
