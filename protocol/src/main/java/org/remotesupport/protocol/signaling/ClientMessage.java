package org.remotesupport.protocol.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

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
        @JsonSubTypes.Type(value = ClientMessage.CustomerInvite.class, name = "customer.invite"),
        @JsonSubTypes.Type(value = ClientMessage.MediaJoin.class, name = "media.join"),
        @JsonSubTypes.Type(value = ClientMessage.MediaAnswer.class, name = "media.answer"),
        @JsonSubTypes.Type(value = ClientMessage.MediaRestartIce.class, name = "media.restart-ice"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientMessage.PresenceSet.class, name = "presence.set"),
        @JsonSubTypes.Type(value = ClientMessage.QueueJoin.class, name = "queue.join"),
        @JsonSubTypes.Type(value = ClientMessage.QueueLeave.class, name = "queue.leave"),
        @JsonSubTypes.Type(value = ClientMessage.QueuePick.class, name = "queue.pick"),
        @JsonSubTypes.Type(value = ClientMessage.OfferAccept.class, name = "offer.accept"),
        @JsonSubTypes.Type(value = ClientMessage.OfferDecline.class, name = "offer.decline"),
        @JsonSubTypes.Type(value = ClientMessage.SessionInvite.class, name = "session.invite"),
        @JsonSubTypes.Type(value = ClientMessage.InviteAccept.class, name = "invite.accept"),
        @JsonSubTypes.Type(value = ClientMessage.InviteDecline.class, name = "invite.decline"),
        @JsonSubTypes.Type(value = ClientMessage.ChatSend.class, name = "chat.send"),
        @JsonSubTypes.Type(value = ClientMessage.SessionFreeze.class, name = "session.freeze"),
        @JsonSubTypes.Type(value = ClientMessage.SessionUnfreeze.class, name = "session.unfreeze"),
        @JsonSubTypes.Type(value = ClientMessage.SessionEnd.class, name = "session.end"),
        @JsonSubTypes.Type(value = ClientMessage.TicketNote.class, name = "ticket.note"),
        @JsonSubTypes.Type(value = ClientMessage.SessionObserve.class, name = "session.observe"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingRequest.class, name = "recording.request"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingConsent.class, name = "recording.consent"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingStop.class, name = "recording.stop"),
        @JsonSubTypes.Type(value = ClientMessage.PhotoRequest.class, name = "photo.request"),
})
public sealed interface ClientMessage {

    /** Correlation id chosen by the client, or null. */
    String id();

    /**
     * First message on a connection: protocol version and a token that says who the sender is (a
     * staff token from sign-in, a customer token from an entry flow, or an invite link's token, which
     * this uses up). {@code name} is the display name a customer chose; staff use their account's.
     * With {@code resumeToken} (from an earlier {@code welcome}) the connection takes the place of
     * that participant, whose connection dropped, in everything it was in.
     */
    record Hello(String id, Integer v, String token, String name, String resumeToken) implements ClientMessage {

        public Hello(String id, Integer v, String token, String name) {
            this(id, v, token, name, null);
        }

        public Hello(String id, Integer v, String token) {
            this(id, v, token, null, null);
        }
    }

    /**
     * An agent opens a support session for a customer's ticket and receives an invite link for it.
     * The ticket fields are optional here.
     */
    record SessionCreate(String id, String orderNumber, String product, String category, String language)
            implements ClientMessage {

        public SessionCreate(String id) {
            this(id, null, null, null, null);
        }
    }

    /** A customer joins the session its token was issued for; {@code sessionId} may name it. */
    record SessionJoin(String id, String sessionId) implements ClientMessage {

        public SessionJoin(String id) {
            this(id, null);
        }
    }

    /**
     * An agent makes an invite link bound to a new ticket; the customer who opens it queues. {@code
     * agent} optionally names the one agent (a username) who may take the customer.
     */
    record CustomerInvite(String id, String orderNumber, String product, String category, String language,
                        String tier, String severity, String agent) implements ClientMessage {
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
     * {@code sessionId} may be null when the sender is in exactly one session. With {@code restart}
     * true a sender that holds an endpoint already (a page that reloaded and resumed) gets a new one
     * in place of the old.
     */
    record MediaJoin(String id, String sessionId, Boolean restart) implements ClientMessage {

        public MediaJoin(String id, String sessionId) {
            this(id, sessionId, null);
        }

        public MediaJoin(String id) {
            this(id, null, null);
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

    /**
     * The sender's network changed (Wi-Fi to mobile data, or its connection to the relay failed):
     * the relay restarts ICE on the sender's endpoint and the server answers with a {@code media.offer}
     * carrying new ICE credentials, answered like any offer. The endpoint, its DTLS session and its
     * tracks stay. {@code sessionId} may be null when the sender is in exactly one session.
     */
    record MediaRestartIce(String id, String sessionId) implements ClientMessage {
    }

    /** Application-level heartbeat; answered with {@code pong}. */
    record Ping(String id) implements ClientMessage {
    }

    /**
     * An agent states its availability ({@code available}, {@code busy}, {@code away},
     * {@code offline}), the languages and product categories it serves, how many sessions it takes
     * at once and whether offers are accepted without asking. Omitted fields keep their current
     * value (defaults for a first {@code presence.set}: no categories, capacity 1, no auto-accept).
     */
    record PresenceSet(String id, String availability, List<String> languages, List<String> categories,
                       Integer capacity, Boolean autoAccept) implements ClientMessage {
    }

    /**
     * A customer asks for an agent: what it needs help with. Fields the customer's entry already
     * fixed (a ticket bound to its invite) may be omitted; without such a ticket {@code language}
     * and {@code category} are required.
     */
    record QueueJoin(String id, String language, String category, String product, String orderNumber,
                     String description) implements ClientMessage {
    }

    /** A waiting customer gives up its place in the queue. */
    record QueueLeave(String id) implements ClientMessage {
    }

    /** An agent takes a waiting customer from the queue it sees, instead of waiting for an offer. */
    record QueuePick(String id, String ticketId) implements ClientMessage {
    }

    /** An agent accepts the offer ringing at it; the session starts. */
    record OfferAccept(String id, String offerId) implements ClientMessage {
    }

    /** An agent declines the offer ringing at it; the customer is offered to the next agent. */
    record OfferDecline(String id, String offerId) implements ClientMessage {
    }

    /**
     * The agent of a session invites another agent into it, as an {@code expert} (takes part) or an
     * {@code observer} (a supervisor or trainee who watches and listens, sending nothing).
     */
    record SessionInvite(String id, String sessionId, String agentId, String role) implements ClientMessage {
    }

    /** An invited agent joins the session it was invited to. */
    record InviteAccept(String id, String sessionId) implements ClientMessage {
    }

    /** An invited agent turns the invitation down. */
    record InviteDecline(String id, String sessionId) implements ClientMessage {
    }

    /** A participant writes in the session's chat; everyone in the session gets {@code chat.message}. */
    record ChatSend(String id, String sessionId, String text) implements ClientMessage {
    }

    /**
     * The agent or an expert shows everyone a still of the customer's video, a snapshot uploaded to
     * the session before ({@code POST /api/sessions/{id}/snapshots}), until {@code session.unfreeze}.
     */
    record SessionFreeze(String id, String sessionId, String snapshotId) implements ClientMessage {
    }

    /** The agent or an expert returns everyone to the live video. */
    record SessionUnfreeze(String id, String sessionId) implements ClientMessage {
    }

    /**
     * The session's agent ends it with its outcome ({@code resolved_remotely}, {@code replacement},
     * {@code return} or {@code escalated}) and an optional note; everyone gets {@code session.ended}.
     */
    record SessionEnd(String id, String sessionId, String outcome, String note) implements ClientMessage {
    }

    /** The agent or an expert adds a note to the session's ticket; the staff in the session get {@code ticket.noted}. */
    record TicketNote(String id, String sessionId, String text) implements ClientMessage {
    }

    /**
     * A supervisor, trainee or admin joins a live session silently as an observer: it receives
     * media and markups and sends nothing; the customer is not told.
     */
    record SessionObserve(String id, String sessionId) implements ClientMessage {
    }

    /**
     * The agent of a session asks to record it; the customer is asked first
     * ({@code recording.consent.request}) and recording starts only if the customer agrees.
     */
    record RecordingRequest(String id, String sessionId) implements ClientMessage {
    }

    /** The customer's answer to {@code recording.consent.request}: {@code granted} true to allow recording. */
    record RecordingConsent(String id, String sessionId, Boolean granted) implements ClientMessage {
    }

    /** The agent stops the recording of its session (the customer may send it too, withdrawing consent). */
    record RecordingStop(String id, String sessionId) implements ClientMessage {
    }

    /**
     * The agent or an expert asks the customer's phone for a full-resolution photo from its camera
     * (useful when the link is too poor for video); the customer gets {@code photo.requested}.
     */
    record PhotoRequest(String id, String sessionId) implements ClientMessage {
    }
}
