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
        @JsonSubTypes.Type(value = ServerMessage.CustomerInvited.class, name = "customer.invited"),
        @JsonSubTypes.Type(value = ServerMessage.SessionJoined.class, name = "session.joined"),
        @JsonSubTypes.Type(value = ServerMessage.SessionLeft.class, name = "session.left"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantJoined.class, name = "participant.joined"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantLeft.class, name = "participant.left"),
        @JsonSubTypes.Type(value = ServerMessage.SessionEnded.class, name = "session.ended"),
        @JsonSubTypes.Type(value = ServerMessage.MediaOffer.class, name = "media.offer"),
        @JsonSubTypes.Type(value = ServerMessage.MediaAccepted.class, name = "media.accepted"),
        @JsonSubTypes.Type(value = ServerMessage.MediaState.class, name = "media.state"),
        @JsonSubTypes.Type(value = ServerMessage.MediaFallback.class, name = "media.fallback"),
        @JsonSubTypes.Type(value = ServerMessage.PhotoRequested.class, name = "photo.requested"),
        @JsonSubTypes.Type(value = ServerMessage.SnapshotAdded.class, name = "snapshot.added"),
        @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
        @JsonSubTypes.Type(value = ServerMessage.PresenceState.class, name = "presence.state"),
        @JsonSubTypes.Type(value = ServerMessage.QueueStatus.class, name = "queue.status"),
        @JsonSubTypes.Type(value = ServerMessage.QueueLeft.class, name = "queue.left"),
        @JsonSubTypes.Type(value = ServerMessage.QueueSnapshot.class, name = "queue.snapshot"),
        @JsonSubTypes.Type(value = ServerMessage.QueueUpdate.class, name = "queue.update"),
        @JsonSubTypes.Type(value = ServerMessage.Offer.class, name = "offer"),
        @JsonSubTypes.Type(value = ServerMessage.OfferWithdrawn.class, name = "offer.withdrawn"),
        @JsonSubTypes.Type(value = ServerMessage.SessionStarted.class, name = "session.started"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantState.class, name = "participant.state"),
        @JsonSubTypes.Type(value = ServerMessage.SessionInvited.class, name = "session.invited"),
        @JsonSubTypes.Type(value = ServerMessage.InviteDeclined.class, name = "invite.declined"),
        @JsonSubTypes.Type(value = ServerMessage.ChatMessage.class, name = "chat.message"),
        @JsonSubTypes.Type(value = ServerMessage.ChatHistory.class, name = "chat.history"),
        @JsonSubTypes.Type(value = ServerMessage.SessionFrozen.class, name = "session.frozen"),
        @JsonSubTypes.Type(value = ServerMessage.SessionUnfrozen.class, name = "session.unfrozen"),
        @JsonSubTypes.Type(value = ServerMessage.TicketNoted.class, name = "ticket.noted"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingConsentRequest.class, name = "recording.consent.request"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingDeclined.class, name = "recording.declined"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingStarted.class, name = "recording.started"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingStopped.class, name = "recording.stopped"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

    /** The {@code id} of the client message this answers, or null. */
    String replyTo();

    /**
     * One participant of a session as other participants see it; {@code state} is
     * {@code reconnecting} while its connection dropped and may still resume, absent otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Participant(String participantId, String role, String name, String state) {

        public Participant(String participantId, String role, String name) {
            this(participantId, role, name, null);
        }
    }

    /** A ticket as agents see it: what the customer needs help with. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TicketInfo(String ticketId, String orderNumber, String product, String category, String language,
                      String tier, String severity, String description, Boolean repeatContact) {
    }

    /** One waiting customer as agents see the queue; {@code state} is {@code waiting} or {@code ringing}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QueueItem(String ticketId, String name, TicketInfo ticket, long joinedAt, double priority, String state) {
    }

    /** One agent as other agents see it on the board. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentInfo(String agentId, String name, String availability, List<String> languages,
                     List<String> categories, int sessions, int capacity) {
    }

    /** A STUN or TURN server for the client's {@code RTCPeerConnection}, with time-limited credentials for TURN. */
    record IceServer(List<String> urls, String username, String credential) {
    }

    /**
     * Answer to {@code hello}: the version in force, this connection's participant id, how long the
     * server waits for the next message before it closes the connection (send {@code ping} more
     * often than that), the largest text frame it accepts in UTF-8 bytes; who the token says the
     * sender is: {@code role}, {@code name}, and for customers {@code ticketId} and {@code sessionId};
     * and the token with which a new connection can take this participant's place if this one drops
     * ({@code resumed} is true when this connection did so). When {@code hello} carried an invite
     * link, {@code token} is the customer's own token (valid until {@code tokenExpiresAt}, epoch ms)
     * for later connections. {@code iceServers} lists TURN servers when the server has them, and
     * {@code iceTransportPolicy} ({@code all} or {@code relay}) says whether media may only go through them.
     */
    record Welcome(String replyTo, int v, String participantId, long idleTimeoutMs, int maxMessageBytes,
                   String resumeToken, long resumeGraceMs, Boolean resumed, String role, String name,
                   String ticketId, String sessionId, String token, Long tokenExpiresAt,
                   List<IceServer> iceServers, String iceTransportPolicy) implements ServerMessage {

        public Welcome(String replyTo, int v, String participantId, long idleTimeoutMs, int maxMessageBytes) {
            this(replyTo, v, participantId, idleTimeoutMs, maxMessageBytes, null, 0, null, null, null, null, null,
                    null, null, null, null);
        }

        public Welcome(String replyTo, int v, String participantId) {
            this(replyTo, v, participantId, 0, 0);
        }
    }

    /**
     * Answer to {@code session.create}: the new session, the customer's invite link, when the link
     * expires (epoch ms) and the ticket it is bound to.
     */
    record SessionCreated(String replyTo, String sessionId, String link, long expiresAt, String ticketId)
            implements ServerMessage {
    }

    /** Answer to {@code customer.invite}: the invite's id, its link, when it expires (epoch ms) and its ticket. */
    record CustomerInvited(String replyTo, String inviteId, String link, long expiresAt, String ticketId)
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

    /**
     * Pushed to every remaining participant when the session ends, with the reason; when the agent
     * ended it with {@code session.end} ({@code reason} {@code completed}), also the {@code outcome}
     * and, to staff only, the agent's {@code note}.
     */
    record SessionEnded(String replyTo, String sessionId, String reason, String outcome, String note)
            implements ServerMessage {

        public SessionEnded(String replyTo, String sessionId, String reason) {
            this(replyTo, sessionId, reason, null, null);
        }
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

    /**
     * Pushed to everyone in the session when the server judges a participant's uplink too poor for
     * video ({@code mode} {@code snapshots}: the participant sends photos and keeps audio) or good
     * again ({@code video}). {@code reason} is {@code bitrate}, {@code loss} or {@code recovered};
     * {@code uplinkKbps} and {@code lossPercent} are what the relay measured when it decided.
     */
    record MediaFallback(String replyTo, String sessionId, String participantId, String mode, String reason,
                         long uplinkKbps, double lossPercent) implements ServerMessage {
    }

    /**
     * Pushed to the customer when the agent or an expert ({@code by}, a participant id) asks for a
     * photo from the camera; the requester gets it as the answer to {@code photo.request}.
     */
    record PhotoRequested(String replyTo, String sessionId, String by) implements ServerMessage {
    }

    /**
     * Pushed to everyone in the session when the customer uploaded a photo
     * ({@code POST /api/sessions/{id}/snapshots}); {@code url} reads it with a member's token.
     */
    record SnapshotAdded(String replyTo, String sessionId, String snapshotId, String url, String by, long at)
            implements ServerMessage {
    }

    /** Answer to {@code ping}. */
    record Pong(String replyTo) implements ServerMessage {
    }

    /** A refused or malformed message: a stable machine-readable code and a human-readable message; the connection stays open. */
    record Error(String replyTo, String code, String message) implements ServerMessage {
    }

    /**
     * An agent's presence as the server holds it: the answer to {@code presence.set}, and pushed when
     * the server changes it ({@code reason} says why, e.g. {@code missed_offer}).
     */
    record PresenceState(String replyTo, String agentId, String availability, List<String> languages,
                         List<String> categories, int capacity, boolean autoAccept, int sessions, String reason)
            implements ServerMessage {
    }

    /**
     * A waiting customer's place: the answer to {@code queue.join} and pushed when it changes.
     * {@code state} is {@code waiting} or {@code ringing} (an agent is being asked); {@code position}
     * counts from 1 among the customers waiting for an agent of the same language;
     * {@code estimatedWaitMs} is absent while no agent who speaks the language is signed in.
     */
    record QueueStatus(String replyTo, String ticketId, String state, int position, Long estimatedWaitMs,
                       int agentsOnline) implements ServerMessage {
    }

    /**
     * The customer is no longer in the queue without a session: the answer to {@code queue.leave},
     * or pushed when the server removed it ({@code reason}).
     */
    record QueueLeft(String replyTo, String ticketId, String reason) implements ServerMessage {
    }

    /**
     * What an agent sees of the queue and its colleagues, after {@code presence.set} and on resume:
     * the most urgent waiting customers in the agent's languages (at most the configured view
     * size), how many wait in those languages in all, and every signed-in agent.
     */
    record QueueSnapshot(String replyTo, List<QueueItem> entries, int waiting, List<AgentInfo> agents, long at)
            implements ServerMessage {
    }

    /**
     * Changes since the last snapshot or update the agent received: entries that came into its view
     * or changed state, ticket ids that left it, how many wait in its languages now, agents whose
     * presence changed and agent ids that signed off.
     */
    record QueueUpdate(String replyTo, List<QueueItem> changed, List<String> removed, int waiting,
                       List<AgentInfo> agents, List<String> agentsGone, long at) implements ServerMessage {
    }

    /**
     * A customer rings at an agent: accept with {@code offer.accept} before {@code expiresAt} (epoch
     * ms) or the customer is offered to the next agent. {@code previousAgent} is true when this agent
     * served the customer before.
     */
    record Offer(String replyTo, String offerId, String ticketId, String name, TicketInfo ticket, long waitingMs,
                 long expiresAt, long timeoutMs, Boolean previousAgent) implements ServerMessage {
    }

    /**
     * An offer stopped ringing without a session for this agent: {@code reason} is
     * {@code timeout}, {@code declined}, {@code customer_left}, {@code customer_disconnected} or
     * {@code agent_unavailable}.
     */
    record OfferWithdrawn(String replyTo, String offerId, String reason) implements ServerMessage {
    }

    /**
     * The agent and the customer are connected in a new session, or the receiver joined one as an
     * expert or observer, or resumed it ({@code resumed}). Sent to each member with its own
     * {@code role}; agents, experts and observers also get the {@code ticket}.
     */
    record SessionStarted(String replyTo, String sessionId, String role, List<Participant> participants,
                          TicketInfo ticket, Boolean resumed) implements ServerMessage {
    }

    /**
     * Pushed to the others when a participant's connection drops ({@code reconnecting}: it may come
     * back within the grace period) or comes back ({@code connected}).
     */
    record ParticipantState(String replyTo, String sessionId, String participantId, String state)
            implements ServerMessage {
    }

    /** An agent is invited into a session as an {@code expert} or an {@code observer}; answer with {@code invite.accept}. */
    record SessionInvited(String replyTo, String sessionId, Participant from, String role, TicketInfo ticket)
            implements ServerMessage {
    }

    /** The answer to {@code invite.decline}, and pushed to the inviting agent when its invitation was turned down. */
    record InviteDeclined(String replyTo, String sessionId, String agentId) implements ServerMessage {
    }

    /**
     * One chat message of a session, pushed to everyone in it (the sender's copy answers its
     * {@code chat.send}): its id, the sender's participant id, name and role, the text and when the
     * server took it (epoch ms).
     */
    record ChatMessage(String replyTo, String sessionId, String messageId, String from, String name, String role,
                       String text, long at) implements ServerMessage {
    }

    /**
     * The session's chat so far, oldest first (at most the configured history size), sent to a member
     * when it enters or resumes a session.
     */
    record ChatHistory(String replyTo, String sessionId, List<ChatMessage> messages) implements ServerMessage {
    }

    /**
     * Everyone's view shows the still {@code snapshotId} (read it from {@code GET
     * /api/sessions/{id}/snapshots/{snapshotId}}) with the markups over it; pushed to everyone when
     * the agent or an expert freezes, and to a member entering or resuming a frozen session.
     */
    record SessionFrozen(String replyTo, String sessionId, String snapshotId, String by, long at)
            implements ServerMessage {
    }

    /** Everyone's view is live again; pushed to everyone in the session. */
    record SessionUnfrozen(String replyTo, String sessionId, String by) implements ServerMessage {
    }

    /** A note the agent or an expert added to the session's ticket; pushed to the staff in the session. */
    record TicketNoted(String replyTo, String sessionId, String ticketId, String noteId, String by, String name,
                       String text, long at) implements ServerMessage {
    }

    /**
     * Pushed to the customer when the agent asks to record the session ({@code requestedBy} is the
     * agent's name); answer with {@code recording.consent}. The agent gets it too, as the answer to
     * {@code recording.request}, so its console can show that the customer is being asked.
     */
    record RecordingConsentRequest(String replyTo, String sessionId, String requestedBy) implements ServerMessage {
    }

    /** Pushed to the session's staff when the customer refused recording; also the answer to a refusing {@code recording.consent}. */
    record RecordingDeclined(String replyTo, String sessionId) implements ServerMessage {
    }

    /** Pushed to everyone in the session when recording started, with the recording's id and start (epoch ms). */
    record RecordingStarted(String replyTo, String sessionId, String recordingId, long startedAt)
            implements ServerMessage {
    }

    /**
     * Pushed to everyone in the session when recording stopped; {@code reason} is {@code stopped}
     * (someone sent {@code recording.stop}), {@code session_ended} or {@code failed}.
     */
    record RecordingStopped(String replyTo, String sessionId, String recordingId, long durationMs, String reason)
            implements ServerMessage {
    }
}
