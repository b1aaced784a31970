package org.remotesupport.bench.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.remotesupport.bench.SystemUnderTest;
import org.remotesupport.bench.control.ChildProcess;
import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.LoadGenerator;
import org.remotesupport.bench.load.SdpSections;

/**
 * Our relay under test: {@link RelayServerMain} in a JVM of its own, driven as the signaling server
 * drives it (allocate, answer, answer every re-offer). Each session is an agent endpoint that sends
 * audio and a customer endpoint that sends audio and video, both on one bundled transport, as
 * browsers connect to the relay. Called from the benchmark's setup threads.
 */
public final class RelayUnderTest implements SystemUnderTest {

    private final List<String> javaCommand;
    private final Path jfrFile;
    private final Path recordingDir;
    private ChildProcess process;
    private Path jfrSettings;
    private final Map<String, LoadEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> agentReady = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> connected = new ConcurrentHashMap<>();

    /**
     * @param javaCommand the java launcher and class path options to start the relay JVM with
     * @param jfrFile     where to write a Flight Recorder profile of the relay, or null for none
     */
    public RelayUnderTest(List<String> javaCommand, Path jfrFile) {
        this(javaCommand, jfrFile, null);
    }

    /**
     * @param recordingDir when not null, every session is recorded (the relay's recording tap on, files
     *                     written into this directory), to measure what recording costs
     */
    public RelayUnderTest(List<String> javaCommand, Path jfrFile, Path recordingDir) {
        this.javaCommand = List.copyOf(javaCommand);
        this.jfrFile = jfrFile;
        this.recordingDir = recordingDir;
    }

    /** The name of our relay with every session recorded. */
    public static final String RECORDING = "our relay, recording";

    @Override
    public String name() {
        return recordingDir == null ? "our relay" : RECORDING;
    }

    @Override
    public String description() {
        return "media-relay (Netty epoll, one event loop), own JVM"
                + (recordingDir == null ? "" : "; every session recorded to WebM (recording thread in the same JVM)");
    }

    @Override
    public void start(Path workDir) throws Exception {
        List<String> command = new ArrayList<>(javaCommand.subList(0, 1));
        command.add("-Xms512m");
        command.add("-Xmx512m");
        if (jfrFile != null) {
            jfrSettings = workDir.resolve("relay-profile.jfc");
            java.nio.file.Files.writeString(jfrSettings, fineSampling());
        }
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        command.add(RelayServerMain.class.getName());
        if (recordingDir != null) {
            java.nio.file.Files.createDirectories(recordingDir);
            command.add("--record-dir");
            command.add(recordingDir.toAbsolutePath().toString());
        }
        process = new ChildProcess(command, workDir.resolve("relay.log"));
        process.onEvent(this::onEvent);
        // two JVMs starting at once on a busy 2-core machine can take most of a minute
        process.awaitReady(Duration.ofSeconds(90));
    }

    @Override
    public int forwardingThreads() {
        return 1;
    }

    /**
     * The JDK's "profile" recorder settings with Java stacks sampled every millisecond instead of
     * every 10 ms: a few seconds of a half-busy packet thread then give thousands of samples.
     */
    private static String fineSampling() throws java.io.IOException {
        String profile = java.nio.file.Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        int event = profile.indexOf("<event name=\"jdk.ExecutionSample\">");
        int period = profile.indexOf("<setting name=\"period\"", event);
        int value = profile.indexOf('>', period) + 1;
        int end = profile.indexOf('<', value);
        if (event < 0 || period < 0) {
            return profile;
        }
        return profile.substring(0, value) + "1 ms" + profile.substring(end);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public List<LoadEndpoint> addSession(int index, LoadGenerator generator) throws Exception {
        String session = "s" + index;
        LoadEndpoint agent = generator.newEndpoint(session + "-agent", true, true, false);
        LoadEndpoint customer = generator.newEndpoint(session + "-customer", true, true, true);
        endpoints.put(agent.name(), agent);
        endpoints.put(customer.name(), customer);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        agentReady.put(agent.name() + "#" + customer.videoSsrc(), ready);
        CompletableFuture<Void> agentConnected = connected.computeIfAbsent(agent.name(), k -> new CompletableFuture<>());
        CompletableFuture<Void> customerConnected = connected.computeIfAbsent(customer.name(), k -> new CompletableFuture<>());

        JsonNode agentOffer = allocate(session, agent.name());
        answer(agent, agentOffer).get(30, TimeUnit.SECONDS);
        JsonNode customerOffer = allocate(session, customer.name());
        answer(customer, customerOffer).get(30, TimeUnit.SECONDS);
        // the customer's answer made the relay re-offer the agent; the agent must take it before media counts
        ready.get(30, TimeUnit.SECONDS);

        setRemote(agent, agentOffer);
        setRemote(customer, customerOffer);
        CompletableFuture.allOf(generator.connect(agent, Duration.ofSeconds(30)),
                generator.connect(customer, Duration.ofSeconds(30))).get(60, TimeUnit.SECONDS);
        // the relay reports CONNECTED once its side of DTLS is done too: only then does it forward
        CompletableFuture.allOf(agentConnected, customerConnected).get(30, TimeUnit.SECONDS);
        if (recordingDir != null) {
            ObjectNode record = process.object();
            record.put("op", "record");
            record.put("session", session);
            record.put("recording", session + "-" + System.nanoTime());
            record.put("video", customer.name());
            process.call(record);
        }
        return List.of(agent, customer);
    }

    /** With a recording asked for, starts Flight Recorder in the relay now: the window, not start-up and warm-up, is profiled. */
    @Override
    public void windowOpening() throws Exception {
        if (jfrFile != null) {
            jcmd("JFR.start", "name=bench", "settings=" + jfrSettings);
        }
    }

    @Override
    public void windowClosed() throws Exception {
        if (jfrFile != null) {
            jcmd("JFR.stop", "name=bench", "filename=" + jfrFile.toAbsolutePath());
        }
    }

    private void jcmd(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + out);
        }
    }

    @Override
    public Map<String, Long> counters() throws Exception {
        ObjectNode command = process.object();
        command.put("op", "stats");
        JsonNode stats = process.call(command);
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        counters.put("forwarded", stats.path("forwarded").asLong());
        stats.path("dropped").fields().forEachRemaining(e -> counters.put("dropped " + e.getKey(), e.getValue().asLong()));
        if (recordingDir != null) {
            stats.path("recording").fields().forEachRemaining(e -> counters.put("recording " + e.getKey(),
                    e.getValue().asLong()));
        }
        return counters;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private JsonNode allocate(String session, String endpoint) throws Exception {
        ObjectNode command = process.object();
        command.put("op", "allocate");
        command.put("session", session);
        command.put("endpoint", endpoint);
        return process.call(command).get("offer");
    }

    private static void setRemote(LoadEndpoint endpoint, JsonNode offer) {
        SdpSections sdp = SdpSections.parse(offer.path("sdp").asText());
        endpoint.remote(sdp.firstUdpCandidate(), sdp.iceUfrag(), sdp.icePassword(), sdp.sha256Fingerprint(), true);
    }

    private void onEvent(JsonNode event) {
        if ("state".equals(event.path("event").asText()) && "CONNECTED".equals(event.path("state").asText())) {
            connected.computeIfAbsent(event.path("endpoint").asText(), k -> new CompletableFuture<>()).complete(null);
            return;
        }
        if (!"offer".equals(event.path("event").asText())) {
            return;
        }
        JsonNode offer = event.get("offer");
        LoadEndpoint endpoint = endpoints.get(offer.path("endpoint").asText());
        if (endpoint != null) {
            // answered off the reader thread's back: the reply comes through that same thread
            answer(endpoint, offer);
        }
    }

    private CompletableFuture<JsonNode> answer(LoadEndpoint endpoint, JsonNode offer) {
        String sdp = offer.path("sdp").asText();
        ObjectNode command = process.object();
        command.put("op", "answer");
        command.put("endpoint", endpoint.name());
        command.put("revision", offer.path("revision").asInt());
        command.put("sdp", RelayAnswer.write(endpoint, SdpSections.parse(sdp), offer.path("uplink")));
        return process.send(command).thenApply(reply -> {
            for (SdpSections.Media media : SdpSections.parse(sdp).media()) {
                for (long ssrc : media.ssrcs()) {
                    CompletableFuture<Void> ready = agentReady.remove(endpoint.name() + "#" + ssrc);
                    if (ready != null) {
                        ready.complete(null);
                    }
                }
            }
            return reply;
        });
    }
}
