package org.remotesupport.signaling.recording;

import java.time.Instant;

/**
 * A search of the recording index; null fields do not filter. Text fields match exactly (product,
 * category and language as the ticket holds them); {@code from}/{@code to} bound the start time
 * (inclusive, exclusive); results come newest first, at most {@code limit}.
 */
public record RecordingQuery(String product, String category, String outcome, String agent, String language,
                             String sessionId, Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 500;

    public RecordingQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** Everything, newest first, up to {@code limit}. */
    public static RecordingQuery all(int limit) {
        return new RecordingQuery(null, null, null, null, null, null, null, null, limit);
    }

    /** Whether an entry matches every filter of this query. */
    public boolean matches(RecordingEntry entry) {
        return same(product, entry.product()) && same(category, entry.category()) && same(outcome, entry.outcome())
                && same(agent, entry.agent()) && same(language, entry.language())
                && same(sessionId, entry.sessionId())
                && (from == null || !entry.startedAt().isBefore(from))
                && (to == null || entry.startedAt().isBefore(to));
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual == null ? "" : actual);
    }
}
