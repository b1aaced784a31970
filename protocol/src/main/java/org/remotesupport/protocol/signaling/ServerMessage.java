package org.remotesupport.protocol.signaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A message the signaling server sends to a client on {@code /ws}, as one JSON text frame whose
 * {@code type} field names the record. {@code replyTo} carries the {@code id} of the client
 * message that this one answers, or is absent for messages the server pushes on its own.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerMessage.SessionCreated.class, name = "session.created"),
        @JsonSubTypes.Type(value = ServerMessage.SessionJoined.class, name = "session.joined"),
        @JsonSubTypes.Type(value = ServerMessage.SessionLeft.class, name = "session.left"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantJoined.class, name = "participant.joined"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantLeft.class, name = "participant.left"),
        @JsonSubTypes.Type(value = ServerMessage.SessionEnded.class, name = "session.ended"),
        @JsonSubTypes.Type(value = ServerMessage.MediaOffer.class, name = "media.offer"),
        @JsonSubTypes.Type(value = ServerMessage.MediaAccepted.class, name = "media.accepted"),
        @JsonSubTypes.Type(value = ServerMessage.MediaState.class, name = "media.state"),
        @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

    /** The {@code id} of the client message this answers, or null. */
    String replyTo();

    /** One participant of a session as other participants see it. */
    record Participant(String participantId, String role, String name) {
    }

    /**
     * Answer to {@code hello}: the version in force, this connection's participant id, how long the
     * server waits for the next message before it closes the connection (send {@code ping} more
     * often than that) and the largest text frame it accepts, in UTF-8 bytes.
     */
    record Welcome(String replyTo, int v, String participantId, long idleTimeoutMs, int maxMessageBytes)
            implements ServerMessage {

        public Welcome(String replyTo, int v, String participantId) {
            this(replyTo, v, participantId, 0, 0);
        }
    }

    /** Answer to {@code session.create}: the new session, its join code, the customer link and when the code expires (epoch ms). */
    record SessionCreated(String replyTo, String sessionId, String code, String link, long expiresAt)
            implements ServerMessage {
    }

    /** Answer to {@code session.join}: the session and everyone in it, the new customer included. */
    record SessionJoined(String replyTo, String sessionId, String role, List<Participant> participants)
            implements ServerMessage {
    }

    /** Answer to {@code session.leave}: the sender is no longer in this session. */
    record SessionLeft(String replyTo, String sessionId) implements ServerMessage {
    }

    /** Pushed to the others when someone joins the session. */
    record ParticipantJoined(String replyTo, String sessionId, Participant participant) implements ServerMessage {
    }

    /** Pushed to the others when someone leaves the session. */
    record ParticipantLeft(String replyTo, String sessionId, String participantId) implements ServerMessage {
    }

    /** Pushed to every remaining participant when the session ends, with the reason. */
    record SessionEnded(String replyTo, String sessionId, String reason) implements ServerMessage {
    }

    /**
     * An SDP offer written by the relay (the server is always the offerer). {@code uplink} maps
     * a media kind ({@code audio}, {@code video}) to the mid of the m-line on which the client
     * sends that kind; the other m-lines carry other participants' media to the client.
     */
    record MediaOffer(String replyTo, String sessionId, int revision, String sdp, Map<String, String> uplink)
            implements ServerMessage {
    }

    /** Answer to {@code media.answer}: the relay applied the answer of this revision in this session. */
    record MediaAccepted(String replyTo, int revision, String sessionId) implements ServerMessage {

        public MediaAccepted(String replyTo, int revision) {
            this(replyTo, revision, null);
        }
    }

    /** Pushed when the media path of a participant changes state ({@code connected}, {@code disconnected}). */
    record MediaState(String replyTo, String sessionId, String participantId, String state) implements ServerMessage {
    }

    /** Answer to {@code ping}. */
    record Pong(String replyTo) implements ServerMessage {
    }

    /** A refused or malformed message: a stable machine-readable code and a human-readable message; the connection stays open. */
    record Error(String replyTo, String code, String message) implements ServerMessage {
    }
}
