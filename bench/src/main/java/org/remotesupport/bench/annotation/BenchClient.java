package org.remotesupport.bench.annotation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One benchmark WebSocket client of {@code /annotations}: whole text messages in (to a consumer, on
 * the HTTP client's thread), sends queued one after another as the JDK WebSocket requires.
 */
final class BenchClient implements WebSocket.Listener {

    private final Consumer<String> onMessage;
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private WebSocket socket;

    private BenchClient(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    static BenchClient open(HttpClient http, URI uri, Consumer<String> onMessage) throws Exception {
        BenchClient client = new BenchClient(onMessage);
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        client.sending = CompletableFuture.completedFuture(client.socket);
        return client;
    }

    synchronized void send(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
    }

    void close() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onMessage.accept(text);
        }
        webSocket.request(1);
        return null;
    }
}
