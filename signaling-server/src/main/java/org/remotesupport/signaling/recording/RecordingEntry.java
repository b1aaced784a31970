package org.remotesupport.signaling.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One recording in the index: which session and ticket it belongs to (product, category, language,
 * agent), when it ran, its outcome once known, the customer's consent, and where its media is.
 * {@code markupTimeline} names the session's markup timeline (times relative to the session start;
 * {@code sessionStartedAt} relates them to the recording's start) for a player to replay.
 *
 * @param state      {@code recording} while the relay writes it, {@code complete}, or {@code failed}
 * @param staff      usernames of the staff who were in the session (the agent first)
 * @param fileName    the media file's name in the {@link RecordingStore}
 * @param description what the customer wrote about the fault on the ticket (may be null)
 * @param tags        the library's tags (fault, repair, product traits), lower case, as the index holds them
 * @param notes       supervisors' notes on the recording, oldest first, as the index holds them
 */
public record RecordingEntry(String recordingId, String sessionId, String ticketId, String product, String category,
                             String language, String agent, String agentName, List<String> staff,
                             Instant sessionStartedAt, Instant startedAt, Instant endedAt, long durationMs,
                             String outcome, Consent consent, String state, String fileName, String contentType,
                             long bytes, int width, int height, int audioTracks, String markupTimeline,
                             String description, List<String> tags, List<RecordingNote> notes) {

    public static final String RECORDING = "recording";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";

    public RecordingEntry {
        staff = staff == null ? List.of() : List.copyOf(staff);
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** An entry without a description, tags or notes (as recording starts it). */
    public RecordingEntry(String recordingId, String sessionId, String ticketId, String product, String category,
                          String language, String agent, String agentName, List<String> staff,
                          Instant sessionStartedAt, Instant startedAt, Instant endedAt, long durationMs,
                          String outcome, Consent consent, String state, String fileName, String contentType,
                          long bytes, int width, int height, int audioTracks, String markupTimeline) {
        this(recordingId, sessionId, ticketId, product, category, language, agent, agentName, staff,
                sessionStartedAt, startedAt, endedAt, durationMs, outcome, consent, state, fileName, contentType,
                bytes, width, height, audioTracks, markupTimeline, null, List.of(), List.of());
    }

    /**
     * The customer's answer to the consent question, as logged: who answered (its subject and name),
     * who asked, when, and whether recording was allowed.
     */
    public record Consent(String customer, String customerName, String requestedBy, Instant askedAt,
                          Instant answeredAt, boolean granted) {
    }

    /** This entry, finished: the relay's figures and the end time. */
    public RecordingEntry finished(Instant at, String finalState, long durationMillis, long size, int videoWidth,
                                   int videoHeight, int audio) {
        return new RecordingEntry(recordingId, sessionId, ticketId, product, category, language, agent, agentName,
                staff, sessionStartedAt, startedAt, at, durationMillis, outcome, consent, finalState, fileName,
                contentType, size, videoWidth, videoHeight, audio, markupTimeline, description, tags, notes);
    }

    /** This entry with the session's outcome. */
    public RecordingEntry withOutcome(String newOutcome) {
        return new RecordingEntry(recordingId, sessionId, ticketId, product, category, language, agent, agentName,
                staff, sessionStartedAt, startedAt, endedAt, durationMs, newOutcome, consent, state, fileName,
                contentType, bytes, width, height, audioTracks, markupTimeline, description, tags, notes);
    }

    /** This entry with one more staff member who was in the session. */
    public RecordingEntry withStaff(String username) {
        if (staff.contains(username)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(staff);
        more.add(username);
        return new RecordingEntry(recordingId, sessionId, ticketId, product, category, language, agent, agentName,
                more, sessionStartedAt, startedAt, endedAt, durationMs, outcome, consent, state, fileName,
                contentType, bytes, width, height, audioTracks, markupTimeline, description, tags, notes);
    }

    /** This entry with the ticket's description of the fault. */
    public RecordingEntry withDescription(String ticketDescription) {
        return new RecordingEntry(recordingId, sessionId, ticketId, product, category, language, agent, agentName,
                staff, sessionStartedAt, startedAt, endedAt, durationMs, outcome, consent, state, fileName,
                contentType, bytes, width, height, audioTracks, markupTimeline, ticketDescription, tags, notes);
    }

    /** This entry with the library's tags and notes as given (the index fills them in when it hands entries out). */
    public RecordingEntry withLibrary(List<String> newTags, List<RecordingNote> newNotes) {
        return new RecordingEntry(recordingId, sessionId, ticketId, product, category, language, agent, agentName,
                staff, sessionStartedAt, startedAt, endedAt, durationMs, outcome, consent, state, fileName,
                contentType, bytes, width, height, audioTracks, markupTimeline, description, newTags, newNotes);
    }

    /** How long the recording ran, wall time, or null while it runs. */
    public Duration wallDuration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
