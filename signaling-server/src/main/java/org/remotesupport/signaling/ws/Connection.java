package org.remotesupport.signaling.ws;

import java.io.IOException;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.identity.Principal;
import org.remotesupport.signaling.session.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One client connection: its own id, the participant id it speaks for (a fresh one, or a dropped
 * participant's after a resume), who its {@code hello} token says it is, and its outbound side.
 * {@link #send} may be called from any thread because the socket is wrapped in a
 * {@link org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator}.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String connectionId;
    private volatile String participantId;
    private final WebSocketSession socket;
    private final String linkBase;
    private final ProtocolCodec codec;
    private final FrameAssembler frames;
    private volatile Member member;
    private volatile Principal principal;
    private volatile long lastHeardNanos;

    Connection(String connectionId, String participantId, WebSocketSession socket, String linkBase,
               ProtocolCodec codec, int maxMessageBytes, long nowNanos) {
        this.connectionId = connectionId;
        this.participantId = participantId;
        this.socket = socket;
        this.linkBase = linkBase;
        this.codec = codec;
        this.frames = new FrameAssembler(maxMessageBytes);
        this.lastHeardNanos = nowNanos;
    }

    /** Unique among all connections of all nodes: what the participant store compares on close. */
    String connectionId() {
        return connectionId;
    }

    String participantId() {
        return participantId;
    }

    String linkBase() {
        return linkBase;
    }

    FrameAssembler frames() {
        return frames;
    }

    /** Who the client is, once {@code hello} succeeded; null before. */
    Member member() {
        return member;
    }

    /** Who the token of {@code hello} says the client is; null before. */
    Principal principal() {
        return principal;
    }

    void greeted(Member member, Principal principal) {
        this.principal = principal;
        this.member = member;
    }

    /** This connection now speaks for a resumed participant; only {@link Connections#adopt} calls this. */
    void adopt(Member resumed) {
        this.participantId = resumed.participantId();
        this.member = resumed;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    void send(ServerMessage message) {
        try {
            socket.sendMessage(new TextMessage(codec.write(message)));
        } catch (SessionLimitExceededException e) {
            // the client stopped reading: the decorator only reports it, closing is up to the handler
            log.info("closing connection of {}: {}", participantId, e.getMessage());
            close(e.getStatus());
        } catch (IOException | RuntimeException e) {
            // the socket is closing or the client stopped reading; its close callback cleans up
            log.debug("could not send {} to {}: {}", message.getClass().getSimpleName(), participantId, e.toString());
        }
    }

    void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("could not close connection of {}: {}", participantId, e.toString());
        }
    }
}
