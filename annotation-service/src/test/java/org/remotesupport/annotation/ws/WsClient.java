package org.remotesupport.annotation.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** A test client of {@code /annotations}: sends text, waits with a deadline for a matching message. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final WebSocketSession session;

    WsClient(int port) throws Exception {
        StandardWebSocketClient client = new StandardWebSocketClient();
        session = client.execute(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession s, TextMessage message) throws Exception {
                inbox.add(JSON.readTree(message.getPayload()));
            }
        }, null, URI.create("ws://127.0.0.1:" + port + "/annotations")).get(10, TimeUnit.SECONDS);
        session.setTextMessageSizeLimit(1 << 20);
    }

    void send(String json) throws Exception {
        session.sendMessage(new TextMessage(json));
    }

    void sendBinary() throws Exception {
        session.sendMessage(new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    }

    void join(String sessionId, String participantId, String token, long lastSeq) throws Exception {
        send("{\"type\":\"join\",\"v\":1,\"sessionId\":\"" + sessionId + "\",\"participantId\":\"" + participantId
                + "\",\"token\":\"" + token + "\",\"lastSeq\":" + lastSeq + "}");
    }

    /** The next message (after those already taken) whose fields match; fails after five seconds. */
    JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode next = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                seen.add(next);
                if (match.test(next)) {
                    return next;
                }
            }
        }
        throw new AssertionError("no matching message; saw " + seen);
    }

    JsonNode awaitType(String type) throws InterruptedException {
        return await(m -> type.equals(m.path("type").asText()));
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}
