package org.remotesupport.signaling.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.identity.Principal;
import org.remotesupport.signaling.identity.TokenException;
import org.remotesupport.signaling.invite.InviteException;
import org.remotesupport.signaling.invite.InviteService;
import org.remotesupport.signaling.journal.SessionCollaboration;
import org.remotesupport.signaling.matching.PairingService;
import org.remotesupport.signaling.media.MediaService;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.TicketRequest;
import org.remotesupport.signaling.ticket.TicketStore;
import org.remotesupport.signaling.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The {@code /ws} endpoint: reads one JSON message per text frame, checks it against the protocol, the
 * connection's state and who its {@code hello} token says the sender is, and hands it to the session,
 * invite or media service; every refusal becomes an
 * {@code error} reply and the connection stays open. The container calls it on its own threads, one
 * message of a connection at a time.
 */
final class SignalingHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);
    private static final String CONNECTION = Connection.class.getName();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 20;
    // room for several SDP offers queued behind a slow reader before it is cut off
    private static final int SEND_BUFFER_BYTES = 1024 * 1024;
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    /** Close status of a connection whose participant resumed on another connection. */
    static final CloseStatus SUPERSEDED = new CloseStatus(4001, "resumed on another connection");

    private final Connections connections;
    private final SessionService sessions;
    private final MediaService media;
    private final ParticipantService participants;
    private final PairingService pairing;
    private final SessionCollaboration collaboration;
    private final RecordingService recording;
    private final Authorities authorities;
    private final ProtocolCodec codec;
    private final MessageReader reader;
    private final SignalingMetrics metrics;
    private final URI publicBaseUrl;
    private final Duration idleTimeout;
    private final int maxMessageBytes;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;

    /** What the handler needs to tell who a client is and what it may make: tokens, invites, accounts, TURN, tickets. */
    record Authorities(AccessTokens tokens, InviteService invites, AccountStore accounts, TurnCredentials turn,
                       TicketStore tickets) {
    }

    SignalingHandler(Connections connections, SessionService sessions, MediaService media,
                     ParticipantService participants, PairingService pairing, SessionCollaboration collaboration,
                     RecordingService recording,
                     Authorities authorities,
                     ProtocolCodec codec, SignalingMetrics metrics, URI publicBaseUrl, Duration idleTimeout,
                     int maxMessageBytes, RandomGenerator random, LongSupplier nanoTime) {
        this.connections = connections;
        this.sessions = sessions;
        this.media = media;
        this.participants = participants;
        this.pairing = pairing;
        this.collaboration = collaboration;
        this.recording = recording;
        this.authorities = authorities;
        this.codec = codec;
        this.reader = new MessageReader(codec);
        this.metrics = metrics;
        this.publicBaseUrl = publicBaseUrl;
        this.idleTimeout = idleTimeout;
        this.maxMessageBytes = maxMessageBytes;
        this.random = random;
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean supportsPartialMessages() {
        // the container then hands over large frames piecewise instead of closing the socket on them
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                SEND_BUFFER_BYTES);
        String base = publicBaseUrl != null ? LinkBase.of(publicBaseUrl) : LinkBase.fromRequest(session.getUri());
        Connection connection = new Connection(newId(), newId(), concurrent, base, codec, maxMessageBytes,
                nanoTime.getAsLong());
        session.getAttributes().put(CONNECTION, connection);
        connections.add(connection);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage part) {
        Connection connection = connection(session);
        String text;
        try {
            text = connection.frames().append(part.getPayload(), part.isLast());
        } catch (SignalingException e) {
            refuse(connection, null, e);
            return;
        }
        if (text != null) {
            connection.heard(nanoTime.getAsLong());
            handle(connection, text);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage part) {
        if (part.isLast()) {
            refuse(connection(session), null,
                    new SignalingException(ErrorCode.BAD_MESSAGE, "binary frames are not accepted; send JSON text"));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection == null) {
            return;
        }
        connections.remove(connection);
        Member member = connection.member();
        if (member != null) {
            // only a close the client asked for is final; anything else may be a dropped network
            participants.closed(member, connection.connectionId(), status.getCode() == CloseStatus.NORMAL.getCode());
        }
    }

    private void handle(Connection connection, String text) {
        String replyTo = null;
        try {
            JsonNode tree = reader.parse(text);
            replyTo = reader.replyTo(tree);
            ClientMessage message = reader.decode(tree, text);
            metrics.received(message);
            dispatch(connection, message);
        } catch (SignalingException e) {
            refuse(connection, replyTo, e);
        } catch (RuntimeException e) {
            log.error("message from {} failed", connection.participantId(), e);
            refuse(connection, replyTo, new SignalingException(ErrorCode.INTERNAL_ERROR, "the server failed to handle this message"));
        }
    }

    private void dispatch(Connection connection, ClientMessage message) {
        if (message instanceof ClientMessage.Hello hello) {
            hello(connection, hello);
            return;
        }
        Member member = connection.member();
        if (member == null) {
            throw new SignalingException(ErrorCode.HELLO_REQUIRED, "send hello first");
        }
        pairing.heard(member);
        if (message instanceof ClientMessage.Ping ping) {
            connection.send(new ServerMessage.Pong(ping.id()));
        } else if (message instanceof ClientMessage.SessionCreate create) {
            createSession(connection, member, create);
        } else if (message instanceof ClientMessage.CustomerInvite invite) {
            inviteCustomer(connection, member, invite);
        } else if (message instanceof ClientMessage.SessionJoin join) {
            sessions.join(member, join.id(), seatOf(connection.principal(), MessageValidator.sessionId(join.sessionId())));
        } else if (message instanceof ClientMessage.SessionLeave leave) {
            sessions.leave(member, leave.id(), MessageValidator.sessionId(leave.sessionId()));
        } else if (message instanceof ClientMessage.MediaJoin join) {
            media.join(member, join.id(), MessageValidator.sessionId(join.sessionId()), Boolean.TRUE.equals(join.restart()));
        } else if (message instanceof ClientMessage.MediaRestartIce restart) {
            media.restartIce(member, restart.id(), MessageValidator.sessionId(restart.sessionId()));
        } else if (message instanceof ClientMessage.MediaAnswer answer) {
            media.answer(member, answer.id(), MessageValidator.sessionId(answer.sessionId()),
                    MessageValidator.revision(answer), MessageValidator.sdp(answer));
        } else if (message instanceof ClientMessage.PresenceSet set) {
            pairing.setPresence(member, set);
        } else if (message instanceof ClientMessage.QueueJoin join) {
            pairing.join(member, join, boundTicket(connection.principal()));
        } else if (message instanceof ClientMessage.QueueLeave leave) {
            pairing.leave(member, leave.id());
        } else if (message instanceof ClientMessage.QueuePick pick) {
            pairing.pick(member, pick);
        } else if (message instanceof ClientMessage.OfferAccept accept) {
            pairing.accept(member, accept);
        } else if (message instanceof ClientMessage.OfferDecline decline) {
            pairing.decline(member, decline);
        } else if (message instanceof ClientMessage.SessionInvite invite) {
            pairing.invite(member, invite, MessageValidator.sessionId(invite.sessionId()));
        } else if (message instanceof ClientMessage.InviteAccept accept) {
            pairing.acceptInvitation(member, accept);
        } else if (message instanceof ClientMessage.InviteDecline decline) {
            pairing.declineInvitation(member, decline);
        } else if (message instanceof ClientMessage.ChatSend chat) {
            collaboration.chat(member, chat.id(), MessageValidator.sessionId(chat.sessionId()), chat.text());
        } else if (message instanceof ClientMessage.SessionFreeze freeze) {
            collaboration.freeze(member, freeze.id(), MessageValidator.sessionId(freeze.sessionId()),
                    freeze.snapshotId());
        } else if (message instanceof ClientMessage.SessionUnfreeze unfreeze) {
            collaboration.unfreeze(member, unfreeze.id(), MessageValidator.sessionId(unfreeze.sessionId()));
        } else if (message instanceof ClientMessage.PhotoRequest photo) {
            collaboration.requestPhoto(member, photo.id(), MessageValidator.sessionId(photo.sessionId()));
        } else if (message instanceof ClientMessage.TicketNote note) {
            collaboration.note(member, note.id(), MessageValidator.sessionId(note.sessionId()), note.text());
        } else if (message instanceof ClientMessage.SessionEnd end) {
            collaboration.end(member, end.id(), MessageValidator.sessionId(end.sessionId()), end.outcome(), end.note());
        } else if (message instanceof ClientMessage.SessionObserve observe) {
            String sessionId = MessageValidator.sessionId(observe.sessionId());
            if (sessionId == null) {
                throw new SignalingException(ErrorCode.INVALID_FIELD, "sessionId is required");
            }
            sessions.observe(member, observe.id(), sessionId);
        } else if (message instanceof ClientMessage.RecordingRequest request) {
            recording.request(member, request.id(), MessageValidator.sessionId(request.sessionId()));
        } else if (message instanceof ClientMessage.RecordingConsent consent) {
            if (consent.granted() == null) {
                throw new SignalingException(ErrorCode.INVALID_FIELD, "granted (true or false) is required");
            }
            recording.consent(member, consent.id(), MessageValidator.sessionId(consent.sessionId()), consent.granted());
        } else if (message instanceof ClientMessage.RecordingStop stop) {
            recording.stop(member, stop.id(), MessageValidator.sessionId(stop.sessionId()));
        } else {
            throw new IllegalStateException("no handler for " + message.getClass().getSimpleName());
        }
    }

    private void hello(Connection connection, ClientMessage.Hello hello) {
        if (connection.member() != null) {
            throw new SignalingException(ErrorCode.DUPLICATE_HELLO, "hello was already accepted on this connection");
        }
        // the version comes first: another version's hello may have other fields
        if (hello.v() == null) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "v is required");
        }
        if (hello.v() != ProtocolVersion.CURRENT) {
            throw new SignalingException(ErrorCode.UNSUPPORTED_VERSION,
                    "this server speaks protocol version " + ProtocolVersion.CURRENT);
        }
        String token = MessageValidator.token(hello);
        String chosenName = MessageValidator.name(hello);
        Principal principal;
        AccessTokens.Issued issued = null;
        try {
            principal = authorities.tokens().verify(token);
        } catch (TokenException e) {
            if (e.reason() == TokenException.Reason.EXPIRED) {
                throw new SignalingException(ErrorCode.TOKEN_EXPIRED, "your sign-in has expired; sign in again");
            }
            // not an access token: it may be an invite link's, which is used up here
            try {
                InviteService.Redeemed redeemed = authorities.invites().redeem(token, chosenName);
                principal = redeemed.customer();
                issued = redeemed.token();
            } catch (InviteException invite) {
                throw switch (invite.reason()) {
                    case EXPIRED -> new SignalingException(ErrorCode.INVITE_EXPIRED, invite.getMessage());
                    case USED -> new SignalingException(ErrorCode.INVITE_USED, invite.getMessage());
                    case INVALID -> new SignalingException(ErrorCode.INVALID_TOKEN,
                            "this is not a valid sign-in or link; sign in again or open the link you were sent");
                };
            }
        }
        if (hello.resumeToken() != null) {
            resume(connection, hello, principal);
            return;
        }
        Member member = memberOf(connection.participantId(), principal, chosenName);
        String resumeToken = participants.greeted(member, connection.connectionId());
        connection.greeted(member, principal);
        List<ServerMessage.IceServer> iceServers = authorities.turn().iceServersFor(connection.participantId());
        String ticketId = principal instanceof Principal.Customer customer ? customer.ticketId() : null;
        String sessionId = principal instanceof Principal.Customer customer ? customer.sessionId() : null;
        connection.send(new ServerMessage.Welcome(hello.id(), ProtocolVersion.CURRENT, connection.participantId(),
                idleTimeout.toMillis(), maxMessageBytes, resumeToken, participants.grace().toMillis(), null,
                member.role().wire(), member.name(), ticketId, sessionId,
                issued == null ? null : issued.token(), issued == null ? null : issued.expiresAt().toEpochMilli(),
                iceServers.isEmpty() ? null : iceServers, authorities.turn().iceTransportPolicy()));
    }

    /**
     * Takes a dropped participant's place: this connection adopts its participant id, a connection of
     * this node still holding it is closed, and the participant's sessions, queue place and presence
     * are told it is back, after {@code welcome}. The token must name the same person as the dropped
     * participant: a resume token alone never changes who a connection is.
     */
    private void resume(Connection connection, ClientMessage.Hello hello, Principal principal) {
        ParticipantService.Resumed resumed = participants.resume(MessageValidator.resumeToken(hello.resumeToken()),
                connection.connectionId(), principal.subject());
        Connection superseded = connections.adopt(connection, resumed.member());
        connection.greeted(resumed.member(), principal);
        if (superseded != null) {
            superseded.close(SUPERSEDED);
        }
        List<ServerMessage.IceServer> iceServers = authorities.turn().iceServersFor(connection.participantId());
        String ticketId = principal instanceof Principal.Customer customer ? customer.ticketId() : null;
        String sessionId = principal instanceof Principal.Customer customer ? customer.sessionId() : null;
        connection.send(new ServerMessage.Welcome(hello.id(), ProtocolVersion.CURRENT, connection.participantId(),
                idleTimeout.toMillis(), maxMessageBytes, resumed.resumeToken(), participants.grace().toMillis(),
                Boolean.TRUE, resumed.member().role().wire(), resumed.member().name(), ticketId, sessionId, null, null,
                iceServers.isEmpty() ? null : iceServers, authorities.turn().iceTransportPolicy()));
        participants.announceResumed(resumed.member());
    }

    private static Member memberOf(String participantId, Principal principal, String chosenName) {
        if (principal instanceof Principal.Staff staff) {
            Role role = switch (staff.role()) {
                case AGENT -> Role.AGENT;
                case SUPERVISOR -> Role.SUPERVISOR;
                case TRAINEE -> Role.TRAINEE;
                case ADMIN -> Role.ADMIN;
            };
            // staff are who their account says: the name in hello is ignored
            return new Member(participantId, role, staff.displayName(), staff.username());
        }
        Principal.Customer customer = (Principal.Customer) principal;
        return new Member(participantId, Role.CUSTOMER, chosenName != null ? chosenName : customer.displayName(),
                customer.customerId());
    }

    /** The session a customer may join: the one its token names, and no other. */
    private static String seatOf(Principal principal, String requested) {
        if (!(principal instanceof Principal.Customer customer)) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only a customer joins a session this way");
        }
        if (customer.sessionId() == null) {
            throw new SignalingException(ErrorCode.FORBIDDEN,
                    "your link is for the queue, not for a session: wait to be connected to an agent");
        }
        if (requested != null && !requested.equals(customer.sessionId())) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "your link is for another session");
        }
        return customer.sessionId();
    }

    /** The ticket a customer's entry recorded, which the queue uses instead of the fields of {@code queue.join}. */
    private Ticket boundTicket(Principal principal) {
        if (principal instanceof Principal.Customer customer) {
            return authorities.tickets().find(customer.ticketId()).orElse(null);
        }
        return null;
    }

    private void createSession(Connection connection, Member agent, ClientMessage.SessionCreate create) {
        if (agent.role() != Role.AGENT) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only an agent can create a session");
        }
        TicketRequest ticket = ticket(new TicketRequest(create.orderNumber(), create.product(), create.category(),
                create.language(), null, null, null), false);
        InviteService invites = authorities.invites();
        Instant expiresAt = invites.expiryFromNow();
        Ticket recorded = invites.recordTicket(ticket, agent.subject());
        String sessionId = sessions.open(agent, recorded, expiresAt);
        InviteService.Created invite = invites.sign(recorded, sessionId, agent.subject(), expiresAt);
        connection.send(new ServerMessage.SessionCreated(create.id(), sessionId, invite.link(connection.linkBase()),
                expiresAt.toEpochMilli(), invite.ticket().id()));
    }

    private void inviteCustomer(Connection connection, Member sender, ClientMessage.CustomerInvite create) {
        if (sender.role() != Role.AGENT && sender.role() != Role.SUPERVISOR) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "only agents and supervisors can create invites");
        }
        String agent = MessageValidator.username("agent", create.agent());
        if (agent != null && authorities.accounts().find(agent).filter(a -> a.role() == AccountRole.AGENT).isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "agent names no agent account");
        }
        TicketRequest ticket = ticket(new TicketRequest(create.orderNumber(), create.product(), create.category(),
                create.language(), create.tier(), create.severity(), null), false);
        InviteService invites = authorities.invites();
        InviteService.Created invite = invites.create(ticket, agent, null, sender.subject(), invites.expiryFromNow());
        connection.send(new ServerMessage.CustomerInvited(create.id(), invite.inviteId(),
                invite.link(connection.linkBase()), invite.expiresAt().toEpochMilli(), invite.ticket().id()));
    }

    private static TicketRequest ticket(TicketRequest request, boolean orderRequired) {
        try {
            return request.validate(orderRequired);
        } catch (TicketRequest.InvalidTicketException e) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, e.getMessage());
        }
    }

    private void refuse(Connection connection, String replyTo, SignalingException e) {
        metrics.error(e.code());
        connection.send(new ServerMessage.Error(replyTo, e.code().wire(), e.getMessage()));
    }

    private static Connection connection(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }

    private String newId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            id[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }
}
