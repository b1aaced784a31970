package org.remotesupport.signaling.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server) that answers the first {@code failures}
 * requests with 503 and the rest with 204, and records every request with the time it arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(long atNanos, String event, String delivery, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    WebhookReceiver(int failures) {
        this.failuresLeft = new AtomicInteger(failures);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            received.add(new Received(System.nanoTime(), exchange.getRequestHeaders().getFirst("X-RemoteSupport-Event"),
                    exchange.getRequestHeaders().getFirst("X-RemoteSupport-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-RemoteSupport-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    }

    /** The next request, waiting up to the deadline. */
    Received next(Duration deadline) {
        try {
            Received next = received.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no webhook request within " + deadline);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The requests received so far and not yet taken. */
    List<Received> drain() {
        List<Received> rest = new java.util.ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
