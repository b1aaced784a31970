package org.remotesupport.protocol.annotation;

/**
 * The machine-readable codes of {@code reject} and {@code error} on {@code /annotations}; clients
 * branch on {@link #wire()}. None of them closes the connection or changes the stored log.
 */
public enum AnnotationErrorCode {
    /** The frame is not JSON, not a known message, or binary. */
    BAD_MESSAGE("bad_message"),
    /** A field is missing, of the wrong type or out of range (a point off the picture, a bad colour). */
    INVALID_FIELD("invalid_field"),
    /** The frame is larger than {@code limits.messageBytes}. */
    MESSAGE_TOO_LARGE("message_too_large"),
    /** {@code join} named a version the server does not speak. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A message other than {@code join} came before a successful join, or a second join came. */
    JOIN_REQUIRED("join_required"),
    /** The token does not name a participant of this session. */
    UNAUTHORIZED("unauthorized"),
    /** Observers read markups; they do not draw or point. */
    READ_ONLY("read_only"),
    /** The customer may draw only while the agent allows it; only the agent changes that. */
    DRAWING_NOT_ALLOWED("drawing_not_allowed"),
    /** The client sent more ops per second than {@code limits.opsPerSecond}. */
    RATE_LIMITED("rate_limited"),
    /** The stroke would have more points than {@code limits.pointsPerStroke}. */
    TOO_MANY_POINTS("too_many_points"),
    /** The label is longer than {@code limits.textLength} characters. */
    TEXT_TOO_LONG("text_too_long"),
    /** The session already has {@code limits.markupsPerSession} markups. */
    TOO_MANY_MARKUPS("too_many_markups"),
    /** The markup id names no markup of the session. */
    UNKNOWN_MARKUP("unknown_markup"),
    /** The session already has a markup with this id. */
    DUPLICATE_MARKUP("duplicate_markup"),
    /** Only a markup's author appends points to it. */
    NOT_AUTHOR("not_author"),
    /** The author has nothing left to undo. */
    NOTHING_TO_UNDO("nothing_to_undo"),
    /** The author has nothing undone to redo, or did something new since. */
    NOTHING_TO_REDO("nothing_to_redo"),
    /** The op log could not be written; resend the op later under the same id. */
    STORE_UNAVAILABLE("store_unavailable");

    private final String wire;

    AnnotationErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
