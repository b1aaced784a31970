package org.remotesupport.bench.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.remotesupport.bench.SystemUnderTest;
import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.LoadGenerator;
import org.remotesupport.bench.load.SdpSections;

/**
 * Janus (the Debian package's {@code janus} binary) under test, with the VideoRoom plugin driven
 * over its HTTP API on loopback. A support session is a room: the customer publishes audio and
 * video, the agent publishes audio, and each subscribes to the other's feed, so each participant
 * has a publisher and a subscriber peer connection (VideoRoom does not bundle both directions).
 * Janus is a full ICE agent: the endpoints answer its checks too. Called from the benchmark's setup threads.
 */
public final class JanusUnderTest implements SystemUnderTest {

    private static final String VIDEOROOM = "janus.plugin.videoroom";
    /** Janus's media threads; handles share them instead of one thread each, as Janus advises for many handles. */
    private static final int EVENT_LOOPS = 2;

    private final Path configDir;
    private final JanusAddress mediaAddress = new JanusAddress(ProcessHandle.current().pid());
    private Process process;
    private JanusApi api;
    private boolean closed;

    public JanusUnderTest(Path configDir) {
        this.configDir = configDir;
    }

    /** Whether the janus binary is installed where the Debian package puts it. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/janus")) && Files.isDirectory(JanusConfig.LIBRARY);
    }

    @Override
    public String name() {
        return "Janus";
    }

    @Override
    public String description() {
        return "Janus " + version() + " VideoRoom over the HTTP API, " + EVENT_LOOPS + " event loops, full ICE (libnice)";
    }

    @Override
    public void start(Path workDir) throws Exception {
        if (!installed()) {
            throw new IllegalStateException("janus is not installed (Debian package janus)");
        }
        int port = freePort();
        // a port range of our own keeps clear of a Janus someone else may run with the defaults
        int rtpBase = 30000 + (int) (ProcessHandle.current().pid() % 100) * 100;
        mediaAddress.create();
        JanusConfig.write(configDir, port, mediaAddress.address(), EVENT_LOOPS, rtpBase, rtpBase + 9999);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "janus-stop"));
        process = new ProcessBuilder("janus", "-C", configDir.resolve("janus.jcfg").toString(),
                "-F", configDir.toString(), "-o")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("janus.log").toFile()))
                .start();
        api = new JanusApi(URI.create("http://127.0.0.1:" + port + "/janus"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                api.createSession();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("Janus did not start; see janus.log", e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    @Override
    public int forwardingThreads() {
        return EVENT_LOOPS;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public List<LoadEndpoint> addSession(int index, LoadGenerator generator) throws Exception {
        String session = "s" + index;
        long room = 1000 + index;
        long customerHandle = api.attach(VIDEOROOM);
        ObjectNode create = api.object();
        create.put("request", "create");
        create.put("room", room);
        create.put("publishers", 2);
        create.put("audiocodec", "opus");
        create.put("videocodec", "vp8");
        create.put("bitrate", 0);
        create.put("fir_freq", 0);
        create.put("notify_joining", false);
        create.put("audiolevel_ext", false);
        create.put("videoorient_ext", false);
        create.put("playoutdelay_ext", false);
        create.put("transport_wide_cc_ext", false);
        JsonNode created = api.message(customerHandle, create, null);
        if (!"created".equals(created.path("plugindata").path("data").path("videoroom").asText())) {
            throw new IllegalStateException("room not created: " + created);
        }
        LoadEndpoint customer = generator.newEndpoint(session + "-customer-pub", true, true, true, mediaAddress.client());
        LoadEndpoint agent = generator.newEndpoint(session + "-agent-pub", true, true, false, mediaAddress.client());
        long customerFeed = publish(customerHandle, room, customer, "customer");
        long agentHandle = api.attach(VIDEOROOM);
        long agentFeed = publish(agentHandle, room, agent, "agent");
        CompletableFuture<Void> publishers = CompletableFuture.allOf(
                generator.connect(customer, Duration.ofSeconds(30)), generator.connect(agent, Duration.ofSeconds(30)));
        publishers.get(60, TimeUnit.SECONDS);
        // subscriptions after the publishers' media paths are up, as a client joining a live room does
        LoadEndpoint agentSees = generator.newEndpoint(session + "-agent-sub", true, false, false, mediaAddress.client());
        LoadEndpoint customerHears = generator.newEndpoint(session + "-customer-sub", true, false, false, mediaAddress.client());
        subscribe(room, customerFeed, agentSees);
        subscribe(room, agentFeed, customerHears);
        CompletableFuture.allOf(generator.connect(agentSees, Duration.ofSeconds(30)),
                generator.connect(customerHears, Duration.ofSeconds(30))).get(60, TimeUnit.SECONDS);
        return List.of(customer, agent, agentSees, customerHears);
    }

    private long publish(long handle, long room, LoadEndpoint endpoint, String display) throws Exception {
        ObjectNode join = api.object();
        join.put("request", "joinandconfigure");
        join.put("room", room);
        join.put("ptype", "publisher");
        join.put("display", display);
        join.put("audio", true);
        join.put("video", endpoint.videoSsrc() >= 0);
        ObjectNode jsep = api.object();
        jsep.put("type", "offer");
        jsep.put("sdp", JanusSdp.publisherOffer(endpoint));
        JsonNode event = api.message(handle, join, jsep);
        JsonNode data = event.path("plugindata").path("data");
        if (!"joined".equals(data.path("videoroom").asText()) || !event.has("jsep")) {
            throw new IllegalStateException("publisher not joined: " + event);
        }
        SdpSections answer = SdpSections.parse(event.path("jsep").path("sdp").asText());
        requireDtlsServer(answer);
        // the offerer is the controlling ICE agent
        endpoint.remote(answer.firstUdpCandidate(), answer.iceUfrag(), answer.icePassword(), answer.sha256Fingerprint(), true);
        api.trickleCompleted(handle);
        return data.path("id").asLong();
    }

    private void subscribe(long room, long feed, LoadEndpoint endpoint) throws Exception {
        long handle = api.attach(VIDEOROOM);
        ObjectNode join = api.object();
        join.put("request", "join");
        join.put("room", room);
        join.put("ptype", "subscriber");
        join.putArray("streams").addObject().put("feed", feed);
        JsonNode event = api.message(handle, join, null);
        // VideoRoom lists a feed once Janus's side of the publisher's DTLS is done, which can trail
        // ours by a moment on a busy machine: "no such feed" (428) is retried for up to 10 s
        for (int attempt = 0; attempt < 50 && event.path("plugindata").path("data").path("error_code").asInt() == 428; attempt++) {
            TimeUnit.MILLISECONDS.sleep(200);
            event = api.message(handle, join, null);
        }
        if (!event.has("jsep")) {
            throw new IllegalStateException("subscriber got no offer: " + event);
        }
        SdpSections offer = SdpSections.parse(event.path("jsep").path("sdp").asText());
        endpoint.remote(offer.firstUdpCandidate(), offer.iceUfrag(), offer.icePassword(), offer.sha256Fingerprint(), false);
        ObjectNode start = api.object();
        start.put("request", "start");
        ObjectNode jsep = api.object();
        jsep.put("type", "answer");
        jsep.put("sdp", JanusSdp.subscriberAnswer(endpoint, offer));
        JsonNode started = api.message(handle, start, jsep);
        if (!"ok".equals(started.path("plugindata").path("data").path("started").asText())) {
            throw new IllegalStateException("subscription not started: " + started);
        }
        api.trickleCompleted(handle);
    }

    /** Our endpoints are DTLS clients, as the offers ask; an answer that makes Janus the client is an error here. */
    private static void requireDtlsServer(SdpSections answer) {
        String setup = answer.transport("setup");
        if (!setup.equals("passive")) {
            throw new IllegalStateException("Janus answered a=setup:" + setup + "; the load endpoints only play the DTLS client");
        }
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (api != null) {
            api.close();
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        mediaAddress.close();
    }

    private static String version() {
        try {
            Process janus = new ProcessBuilder("janus", "--version").redirectErrorStream(true).start();
            String out = new String(janus.getInputStream().readAllBytes());
            janus.waitFor(5, TimeUnit.SECONDS);
            int open = out.indexOf('(');
            int close = out.indexOf(')', open + 1);
            return open >= 0 && close > open ? out.substring(open + 1, close) : "(unknown version)";
        } catch (IOException e) {
            return "(unknown version)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown version)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
