package org.remotesupport.annotation.log;

import java.util.List;
import org.remotesupport.protocol.annotation.CommittedOp;

/**
 * The durable, ordered op log of each session: committed ops in, the same ops out in seq order.
 * Every method is one atomic step on the store and may be called from any thread; several server
 * nodes may append to one session's log, and {@link #append} is what they race on.
 */
public interface OpLogStore {

    /**
     * Appends an op at {@code expectedLastSeq + 1}, unless the log has moved on or the author's op
     * id is already in it.
     *
     * @param op the op; its {@code seq} is ignored and set by the store
     * @return where the op went, where an op with the same author and op id already is, or the
     *         seq the log has reached when that is not {@code expectedLastSeq}
     */
    AppendResult append(String sessionId, long expectedLastSeq, CommittedOp op);

    /** Up to {@code limit} ops with seq greater than {@code afterSeq}, in seq order. */
    List<CommittedOp> readAfter(String sessionId, long afterSeq, int limit);

    /** The seq of the newest op, 0 for an empty or unknown log. */
    long lastSeq(String sessionId);

    /** Removes the session's log (the session ended and its timeline was exported). */
    void delete(String sessionId);

    /** What {@link #append} did. */
    sealed interface AppendResult {

        /** The op is in the log at {@code seq}. */
        record Appended(long seq) implements AppendResult {
        }

        /** The author's op id is already in the log at {@code seq}; nothing was written. */
        record Duplicate(long seq) implements AppendResult {
        }

        /** The log's newest seq is {@code lastSeq}, not the one expected; nothing was written. */
        record Behind(long lastSeq) implements AppendResult {
        }
    }
}
