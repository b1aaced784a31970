package org.remotesupport.protocol.signaling;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable, machine-readable codes carried in {@link ServerMessage.Error#code()}; clients branch
 * on {@link #wire()}, never on the human-readable message. None of them closes the connection.
 */
public enum ErrorCode {

    /** The frame is not a JSON object, or is a binary frame. */
    BAD_MESSAGE("bad_message"),
    /** The {@code type} names no client message of this version. */
    UNKNOWN_TYPE("unknown_type"),
    /** A field is missing, of the wrong type, too long or out of range. */
    INVALID_FIELD("invalid_field"),
    /** The text frame is larger than the server accepts. */
    MESSAGE_TOO_LARGE("message_too_large"),
    /** A message other than {@code hello} arrived before a successful {@code hello}. */
    HELLO_REQUIRED("hello_required"),
    /** {@code hello} named a protocol version the server does not speak. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** {@code hello} arrived on a connection that already completed it. */
    DUPLICATE_HELLO("duplicate_hello"),
    /** The sender's role may not send this message. */
    FORBIDDEN("forbidden"),
    /** {@code hello} carried no token, or one this server did not issue or that was tampered with. */
    INVALID_TOKEN("invalid_token"),
    /** {@code hello} carried a token of this server that has expired; sign in again. */
    TOKEN_EXPIRED("token_expired"),
    /** {@code hello} carried an invite link that has expired. */
    INVITE_EXPIRED("invite_expired"),
    /** {@code hello} carried an invite link that was used before; each link works once. */
    INVITE_USED("invite_used"),
    /** The sender is not in a session, or not in the one it named. */
    NOT_IN_SESSION("not_in_session"),
    /** A customer who is already in a session tried to join another. */
    ALREADY_IN_SESSION("already_in_session"),
    /** The agent connection already holds as many sessions as the server allows. */
    SESSION_LIMIT("session_limit"),
    /** The sender already has a media endpoint in this session. */
    MEDIA_ALREADY_JOINED("media_already_joined"),
    /** The sender has no media endpoint in this session yet ({@code media.join} first). */
    MEDIA_NOT_JOINED("media_not_joined"),
    /** The answer names an offer revision that is not the outstanding one. */
    STALE_REVISION("stale_revision"),
    /** The relay could not use the SDP answer. */
    INVALID_SDP("invalid_sdp"),
    /** No relay could take the endpoint (capacity, failure). */
    MEDIA_UNAVAILABLE("media_unavailable"),
    /** The resume token is unknown, used up, or its grace period ran out; send {@code hello} without it. */
    RESUME_FAILED("resume_failed"),
    /** The agent has no presence ({@code presence.set} first) or its presence does not allow this. */
    NOT_AVAILABLE("not_available"),
    /** The offer is no longer ringing at the sender (timed out, withdrawn, or taken). */
    OFFER_GONE("offer_gone"),
    /** The customer is not waiting in the queue (already served, left, or never joined). */
    NOT_QUEUED("not_queued"),
    /** The named agent is not signed in. */
    UNKNOWN_AGENT("unknown_agent"),
    /** There is no invitation into that session for the sender. */
    NO_INVITATION("no_invitation"),
    /** The sender sends this kind of message faster than the server allows; wait and send again. */
    RATE_LIMITED("rate_limited"),
    /** The named thing (a snapshot) does not exist in this session. */
    NOT_FOUND("not_found"),
    /** Recording is not offered on this server, or the relay cannot record now. */
    RECORDING_UNAVAILABLE("recording_unavailable"),
    /** The session is already being recorded, or the customer is already being asked. */
    RECORDING_IN_PROGRESS("recording_in_progress"),
    /** There is no recording request to answer, or no recording to stop, in this session. */
    NOT_RECORDING("not_recording"),
    /** An unexpected server fault; the message had no effect that can be relied upon. */
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }

    /** The code with this wire name, if any. */
    public static Optional<ErrorCode> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
