package org.remotesupport.bench.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The all-in-one server as the browser benchmarks start it, in a process of its own: waits until
 * it serves the customer page. Blocks the calling thread.
 */
public final class AppServerProcess {

    private AppServerProcess() {
    }

    /**
     * Returns once {@code base + "/customer.html"} answers 200; throws if the process exits first or
     * {@code timeout} passes.
     */
    public static void awaitReady(String base, Process server, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/customer.html"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the server did not start within " + timeout);
    }
}
