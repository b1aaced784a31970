package org.remotesupport.app.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A participant's annotation connection, as the console opens it: join, then ops answered by commits.
 * Blocks the test's thread for at most {@link #WITHIN} per step.
 */
public final class AnnotationClient implements WebSocket.Listener, AutoCloseable {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static AnnotationClient join(URI url, String sessionId, String participantId, String token) throws Exception {
        AnnotationClient annotations = new AnnotationClient();
        annotations.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, annotations)
                .get(20, TimeUnit.SECONDS);
        annotations.socket.sendText(JSON.writeValueAsString(Map.of("type", "join", "v", 1, "sessionId", sessionId,
                "participantId", participantId, "token", token, "lastSeq", 0)), true).get(20, TimeUnit.SECONDS);
        annotations.await("joined");
        return annotations;
    }

    /** Sends one op (JSON) and waits for its commit. */
    public void op(String json) throws Exception {
        socket.sendText(json, true).get(20, TimeUnit.SECONDS);
        await("commit");
    }

    private void await(String type) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(200, TimeUnit.MILLISECONDS);
            if (message != null && message.path("type").asText().equals(type)) {
                return;
            }
            assertThat(message == null ? "" : message.path("type").asText()).as("annotation answer %s", message)
                    .isNotIn("error", "reject");
        }
        throw new AssertionError("no " + type + " from the annotation service");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
