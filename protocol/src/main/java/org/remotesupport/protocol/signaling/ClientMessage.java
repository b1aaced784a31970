package org.remotesupport.protocol.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message a browser or test client sends to the signaling server on {@code /ws}, as one JSON
 * text frame whose {@code type} field names the record. Every message may carry an {@code id},
 * which the server echoes as {@code replyTo} on the reply or error that answers it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ClientMessage.SessionCreate.class, name = "session.create"),
        @JsonSubTypes.Type(value = ClientMessage.SessionJoin.class, name = "session.join"),
        @JsonSubTypes.Type(value = ClientMessage.SessionLeave.class, name = "session.leave"),
        @JsonSubTypes.Type(value = ClientMessage.MediaJoin.class, name = "media.join"),
        @JsonSubTypes.Type(value = ClientMessage.MediaAnswer.class, name = "media.answer"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
})
public sealed interface ClientMessage {

    /** Correlation id chosen by the client, or null. */
    String id();

    /** First message on a connection: protocol version, role ({@code agent} or {@code customer}) and a display name. */
    record Hello(String id, Integer v, String role, String name) implements ClientMessage {
    }

    /** An agent opens a support session and receives a join code and link for the customer. */
    record SessionCreate(String id) implements ClientMessage {
    }

    /** A customer joins the session that a join code names. */
    record SessionJoin(String id, String code) implements ClientMessage {
    }

    /**
     * The sender leaves a session; when the agent leaves, the session ends. {@code sessionId} may
     * be null when the sender is in exactly one session.
     */
    record SessionLeave(String id, String sessionId) implements ClientMessage {

        public SessionLeave(String id) {
            this(id, null);
        }
    }

    /**
     * The sender asks for a media endpoint on a relay; the server answers with {@code media.offer}.
     * {@code sessionId} may be null when the sender is in exactly one session.
     */
    record MediaJoin(String id, String sessionId) implements ClientMessage {

        public MediaJoin(String id) {
            this(id, null);
        }
    }

    /**
     * The client's SDP answer to the offer with the given revision. {@code sessionId} may be null
     * when the sender is in exactly one session.
     */
    record MediaAnswer(String id, Integer revision, String sdp, String sessionId) implements ClientMessage {

        public MediaAnswer(String id, Integer revision, String sdp) {
            this(id, revision, sdp, null);
        }
    }

    /** Application-level heartbeat; answered with {@code pong}. */
    record Ping(String id) implements ClientMessage {
    }
}
