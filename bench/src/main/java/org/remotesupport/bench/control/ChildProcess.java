package org.remotesupport.bench.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A system under test running as its own process, so that its CPU time can be read from the OS:
 * starts the command, sends JSON commands on its standard input and matches the replies that
 * {@link StdioControl} writes back; other lines go to the event listener on the reader thread.
 * Standard error goes to a log file. Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final OutputStream stdin;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private volatile Consumer<JsonNode> events = event -> { };

    /** Starts {@code command}; its standard error is appended to {@code log}. */
    public ChildProcess(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(this::readLoop, "child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first line the child wrote (its start-up report), waiting up to {@code timeout}. */
    public JsonNode awaitReady(Duration timeout) throws Exception {
        return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void onEvent(Consumer<JsonNode> listener) {
        this.events = listener;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** Sends a command and returns its reply; fails on an error reply. */
    public CompletableFuture<JsonNode> send(ObjectNode command) {
        long id = ids.incrementAndGet();
        command.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            byte[] line = (json.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(e);
        }
        return reply.orTimeout(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #send} and wait. */
    public JsonNode call(ObjectNode command) throws Exception {
        return send(command).get();
    }

    private void readLoop() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (!ready.isDone()) {
                    ready.complete(node);
                    continue;
                }
                JsonNode id = node.get("id");
                if (id != null && !id.isNull()) {
                    CompletableFuture<JsonNode> reply = pending.remove(id.asLong());
                    if (reply != null) {
                        if (node.path("ok").asBoolean()) {
                            reply.complete(node);
                        } else {
                            reply.completeExceptionally(new IllegalStateException(node.path("error").asText()));
                        }
                    }
                } else {
                    events.accept(node);
                }
            }
        } catch (IOException e) {
            // the child exited; pending calls time out
        } finally {
            ready.completeExceptionally(new IllegalStateException("child process exited before it was ready"));
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
