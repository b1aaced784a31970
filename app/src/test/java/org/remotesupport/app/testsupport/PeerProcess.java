package org.remotesupport.app.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.remotesupport.testsupport.net.NetworkNamespace;

/**
 * A {@link WebRtcPeer} in a JVM of its own ({@link PeerProcessMain}) inside a
 * {@link NetworkNamespace}: webrtc-java peers never gather loopback candidates and a peer in the
 * test's JVM shares the host's network stack, so shaping a link needs the peer in another
 * namespace, and a network namespace is a property of a process. The test JVM's class path is
 * reused. Calls block until the child replies (at most the given timeouts); thread-safe. The child's
 * log goes to {@code target/<name>-peer.log}.
 */
public final class PeerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts the peer in the namespace and waits until it is ready.
     *
     * @param video what it sends, or null to send nothing
     */
    public static PeerProcess start(NetworkNamespace namespace, String name, VideoFormat video)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                PeerProcessMain.class.getName(), name));
        if (video == null) {
            java.addAll(List.of("0", "0", "0"));
        } else {
            java.addAll(List.of(String.valueOf(video.width()), String.valueOf(video.height()),
                    String.valueOf(video.framesPerSecond())));
        }
        Path log = Path.of("target", name + "-peer.log");
        Process process = new ProcessBuilder(namespace.command(java))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PeerProcess peer = new PeerProcess(name, process);
        try {
            JsonNode ready = peer.read();
            if (!ready.path("ready").asBoolean()) {
                throw new IOException(name + " did not start: " + ready);
            }
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Applies a relay offer in the child and returns its answer (see {@link WebRtcPeer#applyOffer}). */
    public String applyOffer(String sdp, Map<String, String> uplink) throws IOException {
        ObjectNode command = JSON.createObjectNode();
        command.put("op", "offer");
        command.put("sdp", sdp);
        ObjectNode mids = command.putObject("uplink");
        uplink.forEach(mids::put);
        JsonNode reply = call(command);
        return reply.path("answer").asText();
    }

    /** The child's outbound video as libwebrtc reports it: bytesSent, targetBitrate, availableOutgoingBitrate, frame size. */
    public JsonNode outboundVideo() throws IOException {
        ObjectNode command = JSON.createObjectNode();
        command.put("op", "stats");
        return call(command);
    }

    /** How many remote video frames the child has decoded. */
    public long framesDecoded() throws IOException {
        ObjectNode command = JSON.createObjectNode();
        command.put("op", "frames");
        return call(command).path("frames").asLong();
    }

    /** What the child's remote video sinks have counted: frames, the latest frame's size, the span. */
    public ReceivedVideo receivedVideo() throws IOException {
        ObjectNode command = JSON.createObjectNode();
        command.put("op", "frames");
        JsonNode reply = call(command);
        return new ReceivedVideo(reply.path("frames").asLong(), reply.path("width").asInt(), reply.path("height").asInt(),
                Duration.ofNanos(reply.path("spanNanos").asLong()));
    }

    /** The child's longest pause between decoded frames since the previous call (see {@link WebRtcPeer#takeLongestFrameGap}). */
    public Duration takeLongestFrameGap() throws IOException {
        ObjectNode command = JSON.createObjectNode();
        command.put("op", "gap");
        return Duration.ofNanos(call(command).path("gapNanos").asLong());
    }

    private synchronized JsonNode call(ObjectNode command) throws IOException {
        commands.write(JSON.writeValueAsString(command));
        commands.write('\n');
        commands.flush();
        JsonNode reply = read();
        if (reply.has("error")) {
            throw new IOException(name + ": " + reply.path("error").asText());
        }
        return reply;
    }

    private JsonNode read() throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return replies.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String text = line.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new IOException(name + " exited (see target/" + name + "-peer.log)");
            }
            return JSON.readTree(text);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(name + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(name + " did not reply within " + REPLY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted", e);
        }
    }

    /** Asks the child to close its peer and exit; kills it if it does not within 10 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.write("{\"op\":\"close\"}\n");
                commands.flush();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
