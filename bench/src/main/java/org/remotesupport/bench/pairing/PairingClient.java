package org.remotesupport.bench.pairing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One benchmark WebSocket client of {@code /ws}: whole text messages go to a handler on the HTTP
 * client's thread together with the arrival time ({@link System#nanoTime}), sends are queued one
 * after another as the JDK WebSocket requires. The benchmark reads messages by prefix, not by
 * parsing, so that the load generator costs the shared machine as little as possible.
 */
final class PairingClient implements WebSocket.Listener {

    private final BiConsumer<String, Long> onMessage;
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private WebSocket socket;

    private PairingClient(BiConsumer<String, Long> onMessage) {
        this.onMessage = onMessage;
    }

    static PairingClient open(HttpClient http, URI uri, BiConsumer<String, Long> onMessage) throws Exception {
        PairingClient client = new PairingClient(onMessage);
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(30, TimeUnit.SECONDS);
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
        long at = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onMessage.accept(text, at);
        }
        webSocket.request(1);
        return null;
    }
}
