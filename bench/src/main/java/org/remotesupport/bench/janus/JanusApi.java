package org.remotesupport.bench.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the Janus API over its plain-HTTP transport on loopback: create a session, attach
 * plugin handles, send plugin messages (with JSEP) and wait for their asynchronous events, which a
 * long-poll thread reads from the session and matches by transaction. Written against the documented
 * JSON API directly: there is no maintained Java client library for it. Thread-safe.
 */
final class JanusApi implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private long session;
    private Thread poller;

    JanusApi(URI base) {
        this.base = base;
    }

    /** Creates the Janus session all handles live in and starts reading its events. */
    void createSession() throws Exception {
        ObjectNode request = request("create");
        session = post(base, request).path("data").path("id").asLong();
        poller = new Thread(this::pollLoop, "janus-events");
        poller.setDaemon(true);
        poller.start();
    }

    /** Attaches a new handle of {@code plugin}; returns its id. */
    long attach(String plugin) throws Exception {
        ObjectNode request = request("attach");
        request.put("plugin", plugin);
        return post(sessionUri(), request).path("data").path("id").asLong();
    }

    /**
     * Sends a plugin message and returns the plugin's reply: the synchronous result, or for an
     * acknowledged asynchronous request the event that carries the same transaction (with its JSEP).
     */
    JsonNode message(long handle, ObjectNode body, ObjectNode jsep) throws Exception {
        ObjectNode request = request("message");
        request.set("body", body);
        if (jsep != null) {
            request.set("jsep", jsep);
        }
        String transaction = request.path("transaction").asText();
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        pending.put(transaction, event);
        try {
            JsonNode reply = post(handleUri(handle), request);
            if ("ack".equals(reply.path("janus").asText())) {
                return event.get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return reply;
        } finally {
            pending.remove(transaction);
        }
    }

    /** Tells Janus that this handle's client has no more candidates than those in its SDP. */
    void trickleCompleted(long handle) throws Exception {
        ObjectNode request = request("trickle");
        request.putObject("candidate").put("completed", true);
        post(handleUri(handle), request);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    private ObjectNode request(String janus) {
        ObjectNode request = json.createObjectNode();
        request.put("janus", janus);
        request.put("transaction", "t" + transactions.incrementAndGet());
        return request;
    }

    private URI sessionUri() {
        return URI.create(base + "/" + session);
    }

    private URI handleUri(long handle) {
        return URI.create(base + "/" + session + "/" + handle);
    }

    private JsonNode post(URI uri, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode reply = json.readTree(response.body());
        if ("error".equals(reply.path("janus").asText())) {
            throw new IOException("Janus refused " + body.path("janus").asText() + ": " + reply.path("error"));
        }
        return reply;
    }

    private void pollLoop() {
        // one long poll at a time, each bounded by Janus's own 30 s keep-alive and our timeout
        while (!closed) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(sessionUri() + "?maxev=20"))
                        .timeout(Duration.ofSeconds(60)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode events = json.readTree(response.body());
                if (events.isArray()) {
                    events.forEach(this::dispatch);
                } else {
                    dispatch(events);
                }
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatch(JsonNode event) {
        JsonNode transaction = event.get("transaction");
        if (transaction != null && "event".equals(event.path("janus").asText())) {
            CompletableFuture<JsonNode> waiting = pending.get(transaction.asText());
            if (waiting != null) {
                waiting.complete(event);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (poller != null) {
            poller.interrupt();
        }
    }
}
