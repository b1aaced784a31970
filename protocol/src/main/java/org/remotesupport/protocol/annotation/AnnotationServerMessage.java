package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A message the server sends on {@code /annotations}, one JSON text frame whose {@code type} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AnnotationServerMessage.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Ops.class, name = "ops"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Snapshot.class, name = "snapshot"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Commit.class, name = "commit"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Reject.class, name = "reject"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Pointer.class, name = "pointer"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Permit.class, name = "permit"),
        @JsonSubTypes.Type(value = AnnotationServerMessage.Error.class, name = "error"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AnnotationServerMessage {

    /**
     * The join worked: who the sender is in the session, whether it may draw now, whether the
     * agent lets the customer draw, the session's newest seq and the limits that apply.
     */
    record Joined(int v, String participantId, String role, boolean canDraw, boolean customerMayDraw, long lastSeq,
                  Limits limits) implements AnnotationServerMessage {
    }

    /** The limits a client should stay within; exceeding one gets the named error code. */
    record Limits(int opsPerSecond, int pointsPerStroke, int textLength, int markupsPerSession, int messageBytes) {
    }

    /** Committed ops in seq order: what a joining client missed, or one just committed. */
    record Ops(List<CommittedOp> ops) implements AnnotationServerMessage {
    }

    /**
     * The whole state at {@code seq}, sent instead of {@link Ops} when a client is further behind
     * than the server replays: visible markups in drawing order, and hidden ones that a redo or
     * an undo may show again.
     */
    record Snapshot(long seq, List<Markup> markups, List<Markup> hidden) implements AnnotationServerMessage {
    }

    /** The op with this id is in the log at {@code seq} (also the answer to a resend of a committed op). */
    record Commit(String opId, long seq) implements AnnotationServerMessage {
    }

    /** The op with this id was not applied, and never will be under this id. */
    record Reject(String opId, String code, String message) implements AnnotationServerMessage {
    }

    /** Another participant's pointer moved, or was hidden. */
    record Pointer(String participantId, String role, Double x, Double y, String track, boolean visible)
            implements AnnotationServerMessage {
    }

    /** Whether the customer may draw now. */
    record Permit(boolean customerMayDraw) implements AnnotationServerMessage {
    }

    /** A message was refused; the connection stays open. */
    record Error(String code, String message) implements AnnotationServerMessage {
    }
}
