package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * A note a supervisor wrote on a recording for the training library: who wrote it (username and
 * display name), when, and the text. Immutable.
 *
 * @param noteId     unique within the recording, random
 * @param author     the writer's username ({@code api-key} for an integration)
 * @param authorName the writer's display name
 */
public record RecordingNote(String noteId, String author, String authorName, String text, Instant at) {

    public RecordingNote {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        authorName = authorName == null ? author : authorName;
    }
}
