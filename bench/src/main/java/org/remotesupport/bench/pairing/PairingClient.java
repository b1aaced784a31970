package org.remotesupport.bench.pairing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One benchmark WebSocket client of {@code /ws}: whole text messages go to a handler on the HTTP
 * client's thread together with the arrival time ({@link System#nanoTime}), and complete the first
 * waiter whose type prefix they start with; sends are queued one after another as the JDK WebSocket
 * requires. The benchmark reads messages by prefix (the server writes {@code type} first), not by
 * parsing, so that the load generator costs the shared machine as little as possible.
 */
final class PairingClient implements WebSocket.Listener {

    private static final BiConsumer<String, Long> IGNORE = (text, at) -> { };

    private final StringBuilder partial = new StringBuilder();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private volatile BiConsumer<String, Long> onMessage = IGNORE;
    private CompletableFuture<WebSocket> sending;
    private WebSocket socket;

    /** A message arrival: its text and {@link System#nanoTime} when it was whole. */
    record Arrival(String text, long at) {
    }

    private record Waiter(String prefix, CompletableFuture<Arrival> arrival) {
    }

    private PairingClient() {
    }

    static PairingClient open(HttpClient http, URI uri) throws Exception {
        PairingClient client = new PairingClient();
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(30, TimeUnit.SECONDS);
        client.sending = CompletableFuture.completedFuture(client.socket);
        return client;
    }

    /** Every message from now on also goes to this handler (before waiters see it). */
    void onMessage(BiConsumer<String, Long> handler) {
        this.onMessage = handler;
    }

    /** The next message of this type (e.g. {@code "welcome"}), arriving after this call. */
    CompletableFuture<Arrival> next(String type) {
        Waiter waiter = new Waiter("{\"type\":\"" + type + "\"", new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.arrival();
    }

    /** Forgets a waiter that is no longer wanted (it completes no more). */
    void cancel(CompletableFuture<Arrival> arrival) {
        waiters.removeIf(w -> w.arrival() == arrival);
    }

    /** Sends and waits for the message of {@code type} that follows; an {@code error} fails it. */
    Arrival request(String text, String type, Duration within) throws Exception {
        CompletableFuture<Arrival> reply = next(type);
        CompletableFuture<Arrival> error = next("error");
        send(text);
        Object first = CompletableFuture.anyOf(reply, error).get(within.toMillis(), TimeUnit.MILLISECONDS);
        waiters.removeIf(w -> w.arrival() == error || w.arrival() == reply);
        Arrival arrival = (Arrival) first;
        if (arrival.text().startsWith("{\"type\":\"error\"")) {
            throw new IllegalStateException("the server refused " + text + ": " + arrival.text());
        }
        return arrival;
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
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                // the type is followed by a quote: "offer" must not take "offer.withdrawn"
                if (text.startsWith(waiter.prefix()) && text.length() > waiter.prefix().length()
                        && text.charAt(waiter.prefix().length()) == ',' || text.equals(waiter.prefix() + "}")) {
                    it.remove();
                    waiter.arrival().complete(new Arrival(text, at));
                    break;
                }
            }
        }
        webSocket.request(1);
        return null;
    }
}
