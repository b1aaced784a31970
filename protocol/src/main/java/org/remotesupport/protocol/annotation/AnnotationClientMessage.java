package org.remotesupport.protocol.annotation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A message a client sends on {@code /annotations}, one JSON text frame whose {@code type} names the
 * record. The first message of a connection must be {@code join}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AnnotationClientMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = AnnotationClientMessage.Op.class, name = "op"),
        @JsonSubTypes.Type(value = AnnotationClientMessage.Pointer.class, name = "pointer"),
        @JsonSubTypes.Type(value = AnnotationClientMessage.Permit.class, name = "permit"),
})
public sealed interface AnnotationClientMessage {

    /**
     * Enters a session's annotation log: the participant id and token the signaling server gave
     * this client, and the last seq it has applied (0 for none); the server answers {@code joined},
     * then what the client missed ({@code ops} or {@code snapshot}).
     */
    record Join(Integer v, String sessionId, String participantId, String token, Long lastSeq)
            implements AnnotationClientMessage {
    }

    /**
     * An op: {@code add} with {@code markup}; {@code update} with {@code markupId} and {@code points}
     * to append; {@code move} with {@code markupId}, {@code dx}, {@code dy}; {@code delete} with
     * {@code markupId}; {@code clear}, {@code undo} and {@code redo} with nothing else. The server
     * answers {@code commit} or {@code reject} naming {@code opId}.
     */
    record Op(String opId, OpKind kind, Markup markup, String markupId, List<Point> points, Double dx, Double dy)
            implements AnnotationClientMessage {
    }

    /** The sender's laser pointer on the picture of {@code track}; never stored, the newest one wins. */
    record Pointer(Double x, Double y, String track, Boolean visible) implements AnnotationClientMessage {
    }

    /** The agent lets the customer draw, or stops letting them. */
    record Permit(Boolean customerMayDraw) implements AnnotationClientMessage {
    }
}
