package org.remotesupport.signaling.recording;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A search of the recording index; null (or empty) fields do not filter. Text fields match exactly,
 * ignoring case (product, category and language as the ticket holds them); {@code tags} must all be
 * on the entry; {@code text} is found anywhere (ignoring case) in the product, category, the ticket's
 * description, the tags or the notes; {@code visibleTo} keeps the recordings of sessions that staff
 * member was in (the agent's own view); {@code from}/{@code to} bound the start time (inclusive,
 * exclusive); results come newest first, at most {@code limit}.
 */
public record RecordingQuery(String product, String category, String outcome, String agent, String language,
                             String sessionId, Instant from, Instant to, int limit, List<String> tags, String text,
                             String visibleTo) {

    public static final int MAX_LIMIT = 500;

    public RecordingQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        tags = tags == null ? List.of() : tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        text = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
    }

    /** A search by the recorded fields only (no tags, text or visibility filter). */
    public RecordingQuery(String product, String category, String outcome, String agent, String language,
                          String sessionId, Instant from, Instant to, int limit) {
        this(product, category, outcome, agent, language, sessionId, from, to, limit, List.of(), null, null);
    }

    /** Everything, newest first, up to {@code limit}. */
    public static RecordingQuery all(int limit) {
        return new RecordingQuery(null, null, null, null, null, null, null, null, limit);
    }

    /** Whether an entry (with its tags and notes) matches every filter of this query. */
    public boolean matches(RecordingEntry entry) {
        return same(product, entry.product()) && same(category, entry.category()) && same(outcome, entry.outcome())
                && same(agent, entry.agent()) && same(language, entry.language())
                && same(sessionId, entry.sessionId())
                && (from == null || !entry.startedAt().isBefore(from))
                && (to == null || entry.startedAt().isBefore(to))
                && entry.tags().containsAll(tags)
                && (visibleTo == null || visibleTo.equals(entry.agent()) || entry.staff().contains(visibleTo))
                && (text == null || mentions(entry));
    }

    private boolean mentions(RecordingEntry entry) {
        if (contains(entry.product()) || contains(entry.category()) || contains(entry.description())) {
            return true;
        }
        for (String tag : entry.tags()) {
            if (contains(tag)) {
                return true;
            }
        }
        for (RecordingNote note : entry.notes()) {
            if (contains(note.text())) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual == null ? "" : actual);
    }
}
