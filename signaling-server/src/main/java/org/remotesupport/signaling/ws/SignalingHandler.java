package org.remotesupport.signaling.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.matching.PairingService;
import org.remotesupport.signaling.media.MediaService;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.session.SignalingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The {@code /ws} endpoint: reads one JSON message per text frame, checks it against the protocol and
 * the connection's state and hands it to the session or media service; every refusal becomes an
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
    private final ProtocolCodec codec;
    private final MessageReader reader;
    private final SignalingMetrics metrics;
    private final URI publicBaseUrl;
    private final Duration idleTimeout;
    private final int maxMessageBytes;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;

    SignalingHandler(Connections connections, SessionService sessions, MediaService media,
                     ParticipantService participants, PairingService pairing, ProtocolCodec codec,
                     SignalingMetrics metrics, URI publicBaseUrl, Duration idleTimeout, int maxMessageBytes,
                     RandomGenerator random, LongSupplier nanoTime) {
        this.connections = connections;
        this.sessions = sessions;
        this.media = media;
        this.participants = participants;
        this.pairing = pairing;
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
            sessions.create(member, create.id(), connection.linkBase());
        } else if (message instanceof ClientMessage.SessionJoin join) {
            sessions.join(member, join.id(), MessageValidator.code(join));
        } else if (message instanceof ClientMessage.SessionLeave leave) {
            sessions.leave(member, leave.id(), MessageValidator.sessionId(leave.sessionId()));
        } else if (message instanceof ClientMessage.MediaJoin join) {
            media.join(member, join.id(), MessageValidator.sessionId(join.sessionId()));
        } else if (message instanceof ClientMessage.MediaAnswer answer) {
            media.answer(member, answer.id(), MessageValidator.sessionId(answer.sessionId()),
                    MessageValidator.revision(answer), MessageValidator.sdp(answer));
        } else if (message instanceof ClientMessage.PresenceSet set) {
            pairing.setPresence(member, set);
        } else if (message instanceof ClientMessage.QueueJoin join) {
            pairing.join(member, join, null);
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
        if (hello.resumeToken() != null) {
            resume(connection, hello);
            return;
        }
        Member member = MessageValidator.member(connection.participantId(), hello);
        String resumeToken = participants.greeted(member, connection.connectionId());
        connection.greeted(member);
        connection.send(new ServerMessage.Welcome(hello.id(), ProtocolVersion.CURRENT, connection.participantId(),
                idleTimeout.toMillis(), maxMessageBytes, resumeToken, participants.grace().toMillis(), null));
    }

    /**
     * Takes a dropped participant's place: this connection adopts its participant id, a connection of
     * this node still holding it is closed, and the participant's sessions, queue place and presence
     * are told it is back, after {@code welcome}.
     */
    private void resume(Connection connection, ClientMessage.Hello hello) {
        ParticipantService.Resumed resumed = participants.resume(MessageValidator.resumeToken(hello.resumeToken()),
                connection.connectionId());
        Connection superseded = connections.adopt(connection, resumed.member());
        if (superseded != null) {
            superseded.close(SUPERSEDED);
        }
        connection.send(new ServerMessage.Welcome(hello.id(), ProtocolVersion.CURRENT, connection.participantId(),
                idleTimeout.toMillis(), maxMessageBytes, resumed.resumeToken(), participants.grace().toMillis(),
                Boolean.TRUE));
        participants.announceResumed(resumed.member());
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
