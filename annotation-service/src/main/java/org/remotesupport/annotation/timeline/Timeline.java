package org.remotesupport.annotation.timeline;

import java.time.Instant;
import java.util.List;
import org.remotesupport.protocol.annotation.CommittedOp;

/**
 * A session's markups as a recording player or a report reads them: every committed op in seq
 * order with its time in milliseconds since the session started. Immutable.
 *
 * @param sessionId the session
 * @param start     the origin of the offsets: the session's start, or the first op's time when the
 *                  session had no start time
 * @param entries   the ops in seq order
 */
public record Timeline(String sessionId, Instant start, List<Entry> entries) {

    public Timeline {
        entries = List.copyOf(entries);
    }

    /** One op and when it happened, milliseconds after {@link #start()} (negative before it). */
    public record Entry(long offsetMs, CommittedOp op) {
    }

    /** The timeline of these ops, times relative to {@code sessionStart} (or to the first op). */
    public static Timeline of(String sessionId, Instant sessionStart, List<CommittedOp> ops) {
        Instant origin = sessionStart != null ? sessionStart
                : ops.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(ops.get(0).at());
        long originMs = origin.toEpochMilli();
        return new Timeline(sessionId, origin, ops.stream().map(op -> new Entry(op.at() - originMs, op)).toList());
    }
}
