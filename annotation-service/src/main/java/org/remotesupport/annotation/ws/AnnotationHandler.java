package org.remotesupport.annotation.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.remotesupport.annotation.access.Access;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.annotation.sync.OpRejected;
import org.remotesupport.annotation.sync.RateLimiter;
import org.remotesupport.annotation.sync.Subscriber;
import org.remotesupport.protocol.annotation.AnnotationClientMessage;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.remotesupport.protocol.annotation.AnnotationErrorCode;
import org.remotesupport.protocol.annotation.AnnotationProtocol;
import org.remotesupport.protocol.annotation.AnnotationServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The {@code /annotations} endpoint: JSON text frames in, {@link AnnotationService} calls and JSON
 * text frames out. Enforces the join handshake, the message size and the per-connection rates;
 * every refusal is an {@code error} or {@code reject} message and the connection stays open. Runs
 * on the container's WebSocket threads, one message of a connection at a time.
 */
public final class AnnotationHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(AnnotationHandler.class);
    private static final String STATE = AnnotationHandler.class.getName();
    private static final int MAX_ID = 128;
    private static final int MAX_TOKEN = 4096;
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_BYTES = 1 << 20;

    private final AnnotationService service;
    private final AnnotationAccess access;
    private final AnnotationCodec codec;
    private final LongSupplier nanoClock;

    public AnnotationHandler(AnnotationService service, AnnotationAccess access, AnnotationCodec codec,
                             LongSupplier nanoClock) {
        this.service = service;
        this.access = access;
        this.codec = codec;
        this.nanoClock = nanoClock;
    }

    @Override
    public boolean supportsPartialMessages() {
        // frames are assembled here, so that an oversized message is answered, not a closed socket
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES);
        session.getAttributes().put(STATE, new ClientConnection(out, service.limits().opsPerSecond(),
                service.limits().pointersPerSecond(), nanoClock));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientConnection client = (ClientConnection) session.getAttributes().get(STATE);
        synchronized (client) {
            String text = client.assemble(message.getPayload(), message.isLast(), service.limits().messageBytes());
            if (!message.isLast()) {
                return;
            }
            if (text == null) {
                client.error(AnnotationErrorCode.MESSAGE_TOO_LARGE,
                        "a message is at most " + service.limits().messageBytes() + " bytes", codec);
                return;
            }
            dispatch(client, text);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ClientConnection client = (ClientConnection) session.getAttributes().get(STATE);
        if (message.isLast()) {
            client.error(AnnotationErrorCode.BAD_MESSAGE, "messages are JSON text frames", codec);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ClientConnection client = (ClientConnection) session.getAttributes().get(STATE);
        if (client != null) {
            client.leave();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("annotation connection {} failed: {}", session.getId(), exception.toString());
    }

    private void dispatch(ClientConnection client, String text) {
        AnnotationClientMessage message;
        try {
            message = codec.readClient(text);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            client.error(AnnotationErrorCode.BAD_MESSAGE, "not a valid annotation message", codec);
            return;
        }
        try {
            if (message instanceof AnnotationClientMessage.Join join) {
                join(client, join);
            } else if (message instanceof AnnotationClientMessage.Op op) {
                op(client, op);
            } else if (message instanceof AnnotationClientMessage.Pointer pointer) {
                Access who = client.joined();
                if (!client.pointers.tryAcquire()) {
                    throw new OpRejected(AnnotationErrorCode.RATE_LIMITED, "too many pointer moves per second");
                }
                service.pointer(client.sessionId, who, pointer, client);
            } else if (message instanceof AnnotationClientMessage.Permit permit) {
                if (permit.customerMayDraw() == null) {
                    throw new OpRejected(AnnotationErrorCode.INVALID_FIELD, "customerMayDraw is required");
                }
                service.permit(client.sessionId, client.joined(), permit.customerMayDraw());
            }
        } catch (OpRejected e) {
            client.error(e.code(), e.getMessage(), codec);
        } catch (RuntimeException e) {
            // a bug must not cost the client its connection or the session its log
            log.warn("annotation message failed", e);
            client.error(AnnotationErrorCode.BAD_MESSAGE, "the message could not be handled", codec);
        }
    }

    private void join(ClientConnection client, AnnotationClientMessage.Join join) throws OpRejected {
        if (client.access != null) {
            throw new OpRejected(AnnotationErrorCode.JOIN_REQUIRED, "this connection has joined already");
        }
        if (join.v() == null || join.v() != AnnotationProtocol.VERSION) {
            throw new OpRejected(AnnotationErrorCode.UNSUPPORTED_VERSION,
                    "this server speaks version " + AnnotationProtocol.VERSION);
        }
        if (!fits(join.sessionId(), MAX_ID) || !fits(join.participantId(), MAX_ID) || !fits(join.token(), MAX_TOKEN)) {
            throw new OpRejected(AnnotationErrorCode.INVALID_FIELD, "sessionId, participantId and token are required");
        }
        long lastSeq = join.lastSeq() == null ? 0 : join.lastSeq();
        if (lastSeq < 0) {
            throw new OpRejected(AnnotationErrorCode.INVALID_FIELD, "lastSeq is 0 or more");
        }
        Access admitted = access.admit(join.sessionId(), join.participantId(), join.token())
                .filter(a -> a.participantId().equals(join.participantId()))
                .orElseThrow(() -> new OpRejected(AnnotationErrorCode.UNAUTHORIZED,
                        "the token does not admit this participant to this session"));
        client.sessionId = join.sessionId();
        client.access = admitted;
        client.unsubscribe = service.join(join.sessionId(), admitted, lastSeq, client);
    }

    private void op(ClientConnection client, AnnotationClientMessage.Op op) {
        try {
            Access who = client.joined();
            if (!client.ops.tryAcquire()) {
                throw new OpRejected(AnnotationErrorCode.RATE_LIMITED,
                        "at most " + service.limits().opsPerSecond() + " ops per second");
            }
            long seq = service.push(client.sessionId, who, op);
            client.deliver(codec.write(new AnnotationServerMessage.Commit(op.opId(), seq)));
        } catch (OpRejected e) {
            client.deliver(codec.write(new AnnotationServerMessage.Reject(op.opId(), e.code().wire(), e.getMessage())));
        }
    }

    private static boolean fits(String value, int max) {
        return value != null && !value.isEmpty() && value.length() <= max;
    }

    /** One client's connection: its outbound queue, its rates and, once joined, who it is. */
    private static final class ClientConnection implements Subscriber {
        final WebSocketSession out;
        final RateLimiter ops;
        final RateLimiter pointers;
        final StringBuilder frame = new StringBuilder();
        boolean oversized;
        String sessionId;
        Access access;
        Runnable unsubscribe;

        ClientConnection(WebSocketSession out, int opsPerSecond, int pointersPerSecond, LongSupplier nanoClock) {
            this.out = out;
            this.ops = new RateLimiter(opsPerSecond, nanoClock);
            this.pointers = new RateLimiter(pointersPerSecond, nanoClock);
        }

        /** The whole message once its last fragment is in; null if it grew past the limit. */
        String assemble(String fragment, boolean last, int maxBytes) {
            if (!oversized) {
                frame.append(fragment);
                // a UTF-8 byte is at least one char: cheap check first, exact count at the end
                if (frame.length() > maxBytes) {
                    oversized = true;
                    frame.setLength(0);
                }
            }
            if (!last) {
                return "";
            }
            String text = oversized ? null : frame.toString();
            frame.setLength(0);
            oversized = false;
            if (text != null && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                return null;
            }
            return text;
        }

        Access joined() throws OpRejected {
            if (access == null) {
                throw new OpRejected(AnnotationErrorCode.JOIN_REQUIRED, "send join first");
            }
            return access;
        }

        void error(AnnotationErrorCode code, String message, AnnotationCodec codec) {
            deliver(codec.write(new AnnotationServerMessage.Error(code.wire(), message)));
        }

        @Override
        public void deliver(String json) {
            try {
                out.sendMessage(new TextMessage(json));
            } catch (IOException | IllegalStateException e) {
                // the client is gone or too slow; it resyncs from its last seq when it comes back
                log.debug("annotation send failed: {}", e.toString());
            }
        }

        void leave() {
            if (unsubscribe != null) {
                unsubscribe.run();
            }
        }
    }
}
