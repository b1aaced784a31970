package org.remotesupport.bench.firstframe;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.remotesupport.bench.browser.AppServerProcess;
import org.remotesupport.bench.browser.PageActivity;
import org.remotesupport.bench.report.Machine;
import org.remotesupport.testsupport.net.TcpDelayLine;
import org.remotesupport.testsupport.net.UdpDelayLine;

/**
 * Join to first frame: how long after the customer presses <b>Start</b> the agent sees the first
 * frame of the customer's camera. The all-in-one server (its jar, started as a child process) runs
 * on loopback; an agent in one headless Chromium creates a session, a customer with a fake camera in
 * another opens its link and presses Start. The interval ends at the agent page's first video frame
 * presented ({@code requestVideoFrameCallback}); {@code getStats().framesDecoded > 0}, polled in the
 * page every 10 ms, is recorded as a check. On the way it records when the customer's camera opened,
 * its WebSocket opened, the relay's offer arrived, the answer was set, ICE and then DTLS connected.
 *
 * <p>Both browsers reach the server's HTTP/WebSocket port through a {@link TcpDelayLine} and the
 * relay's UDP port through a {@link UdpDelayLine} (the relay advertises the line's loopback address
 * and binds the same port on 127.0.0.1). Per repetition the lines are set to no delay (the
 * baseline, "loopback") or to 50 ms each way (100 ms round trip), interleaved so that what else the
 * machine does weighs on both alike; the two conditions therefore differ in the delay only. Both
 * browsers are on the slow link, so each of the agent's legs costs a round trip as well. Runs on the
 * calling thread.
 */
public final class FirstFrameBench {

    /** A link both browsers are behind: the delay each way, on signaling and media alike. */
    public record Condition(String name, Duration oneWay) {
        /** The round trip the condition adds. */
        public Duration rtt() {
            return oneWay.multipliedBy(2);
        }
    }

    /** No delay added: the baseline. */
    public static final Condition LOOPBACK = new Condition("loopback", Duration.ZERO);
    /** 50 ms each way. */
    public static final Condition RTT_100 = new Condition("100 ms RTT", Duration.ofMillis(50));

    /** What the customer's and the agent's pages went through, in milliseconds after Start was pressed. */
    static final List<String> MILESTONES = List.of("camera", "websocket", "offer", "answer", "ice", "dtls",
            "agent-offer", "frame");

    private static final Map<String, String> MILESTONE_NAMES = Map.of(
            "camera", "camera open (`getUserMedia`)",
            "websocket", "WebSocket open",
            "offer", "relay's offer at the customer",
            "answer", "customer's answer set",
            "ice", "customer ICE connected",
            "dtls", "customer DTLS connected",
            "agent-offer", "agent's offer with the customer's video",
            "frame", "**agent's first frame**");

    /**
     * The round trips the protocol needs before each milestone when nothing overlaps: TCP handshake
     * and WebSocket upgrade (2), {@code hello} → {@code welcome}, {@code session.join},
     * {@code media.join} → offer (3), the ICE check (1), a DTLS 1.2 client's handshake (2), the first
     * packets customer → relay → agent (1). The agent's offer leaves when the customer's answer
     * reaches the relay, which learns from it what the customer sends.
     */
    private static final Map<String, Double> PROTOCOL_ROUND_TRIPS = Map.of(
            "camera", 0.0, "websocket", 2.0, "offer", 5.0, "answer", 5.0, "ice", 6.0, "dtls", 8.0,
            "agent-offer", 6.0, "frame", 9.0);

    /** What to run. */
    public static final class Options {
        public Path appJar = Path.of("app", "target", "remote-support.jar");
        public int runs = 20;
        /** Joins per condition before those measured: the first ones pay for the browsers' and server's cold code. */
        public int warmups = 1;
        public List<Condition> conditions = List.of(LOOPBACK, RTT_100);
        public Path out = Path.of("bench", "results", "first-frame.md");
        public Path work = Path.of("bench", "target", "first-frame");
        /** Options for the server's JVM, before {@code -jar}; none for a measurement. */
        public List<String> serverJvmOptions = List.of();
        public String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        public String chromedriver = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    }

    /**
     * One join.
     * @param firstFrameMs Start to the agent's first presented frame
     * @param decodedMs Start to the agent page seeing {@code framesDecoded > 0}
     * @param milestones milestone name to milliseconds after Start; missing when the page never got there
     * @param customerIceRttSeconds the customer's ICE candidate pair's {@code currentRoundTripTime}
     * @param agentIceRttSeconds the agent's
     * @param framesDecoded frames the agent had decoded when the join was over
     */
    public record Join(Condition condition, int run, double firstFrameMs, double decodedMs,
                       Map<String, Double> milestones, double customerIceRttSeconds, double agentIceRttSeconds,
                       long framesDecoded) {
    }

    /** A finished run: every join and where the table went. */
    public record Run(List<Join> joins, Path table) {
    }

    /** Records in both pages what the measurement needs, before any of the page's own scripts run. */
    private static final String INSTRUMENT = """
            (() => {
              const now = () => performance.timeOrigin + performance.now();
              const bench = { events: [], pcs: [], firstFrame: null, decoded: null };
              const mark = (event) => bench.events.push({ at: now(), event });
              Object.defineProperty(window, 'firstFrameBench', { value: bench });
              const NativePeerConnection = window.RTCPeerConnection;
              if (NativePeerConnection) {
                class WatchedPeerConnection extends NativePeerConnection {
                  constructor(...args) {
                    super(...args);
                    bench.pcs.push(this);
                    mark('pc:created');
                    this.addEventListener('iceconnectionstatechange', () => mark('ice:' + this.iceConnectionState));
                    this.addEventListener('connectionstatechange', () => mark('pc:' + this.connectionState));
                  }
                  async setRemoteDescription(description) {
                    mark('remote:' + (description && description.type));
                    return super.setRemoteDescription(description);
                  }
                  async setLocalDescription(description) {
                    const result = await super.setLocalDescription(description);
                    mark('local:' + (this.localDescription && this.localDescription.type));
                    return result;
                  }
                }
                window.RTCPeerConnection = WatchedPeerConnection;
              }
              const NativeWebSocket = window.WebSocket;
              window.WebSocket = class WatchedWebSocket extends NativeWebSocket {
                constructor(...args) {
                  super(...args);
                  mark('websocket:created');
                  this.addEventListener('open', () => mark('websocket:open'));
                }
              };
              const devices = navigator.mediaDevices;
              if (devices && devices.getUserMedia) {
                const open = devices.getUserMedia.bind(devices);
                devices.getUserMedia = async (constraints) => {
                  const stream = await open(constraints);
                  mark('camera');
                  return stream;
                };
              }
              document.addEventListener('click', (e) => {
                if (e.target instanceof Element && e.target.closest('#start')) { mark('start'); }
              }, true);
            })();
            """;

    /** On the agent's page just before Start: watches for the first frame of the customer's video. */
    private static final String ARM = """
            const bench = window.firstFrameBench;
            const now = () => performance.timeOrigin + performance.now();
            bench.firstFrame = null;
            bench.decoded = null;
            const video = document.getElementById('remote-video');
            video.requestVideoFrameCallback((time, frame) => {
              bench.firstFrame = performance.timeOrigin + (frame.presentationTime || time);
            });
            const poll = async () => {
              for (const pc of bench.pcs) {
                if (pc.connectionState === 'closed') { continue; }
                const stats = await pc.getStats();
                for (const s of stats.values()) {
                  if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0) {
                    bench.decoded = now();
                    return;
                  }
                }
              }
              setTimeout(poll, 10);
            };
            poll();
            """;

    /** The selected ICE candidate pair's round trip time and the decoded frames, from the page's peer connections. */
    private static final String ICE_STATS = """
            const done = arguments[arguments.length - 1];
            (async () => {
              let rtt = null;
              let frames = 0;
              for (const pc of window.firstFrameBench.pcs) {
                if (pc.connectionState !== 'connected') { continue; }
                const stats = await pc.getStats();
                for (const s of stats.values()) {
                  if (s.type === 'transport' && s.selectedCandidatePairId) {
                    const pair = stats.get(s.selectedCandidatePairId);
                    if (pair && pair.currentRoundTripTime !== undefined) { rtt = pair.currentRoundTripTime; }
                  }
                  if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = Math.max(frames, s.framesDecoded || 0); }
                }
              }
              return { rtt, frames };
            })().then(done, (e) => done({ error: String(e) }));
            """;

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--app-jar" -> options.appJar = Path.of(kv[1]);
                case "--runs" -> options.runs = Integer.parseInt(kv[1]);
                case "--warmups" -> options.warmups = Integer.parseInt(kv[1]);
                case "--out" -> options.out = Path.of(kv[1]);
                case "--work" -> options.work = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (options.runs < 1 || options.runs > 1000 || options.warmups < 0 || options.warmups > 100) {
            throw new IllegalArgumentException("--runs must be 1 to 1000, --warmups 0 to 100");
        }
        Run run = run(options);
        System.out.println(Files.readString(run.table()));
        System.exit(0);
    }

    /** Starts the server and the delay lines, measures every join, writes the table, stops everything. */
    public static Run run(Options options) throws Exception {
        if (!Files.isRegularFile(options.appJar)) {
            throw new IllegalStateException(options.appJar + " is missing: build it with ./mvnw -pl app -am package");
        }
        Instant started = Instant.now();
        Files.createDirectories(options.work);
        int httpPort = freeTcpPort();
        // the relay binds 127.0.0.1:P and advertises 127.0.0.2, where the delay line listens on the same port P
        int relayPort = freeUdpPort();
        try (UdpDelayLine mediaLine = UdpDelayLine.open(new InetSocketAddress("127.0.0.2", relayPort),
                new InetSocketAddress("127.0.0.1", relayPort), Duration.ZERO);
             TcpDelayLine signalingLine = TcpDelayLine.open(new InetSocketAddress("127.0.0.1", 0),
                     new InetSocketAddress("127.0.0.1", httpPort), Duration.ZERO)) {
            Process server = startServer(options, httpPort, relayPort);
            ChromeDriver agent = null;
            ChromeDriver customer = null;
            try {
                // the browsers start while the server does
                agent = browser(options, "agent", "1280,860");
                customer = browser(options, "customer", "412,860");
                AppServerProcess.awaitReady("http://127.0.0.1:" + httpPort, server, Duration.ofMinutes(3));
                String base = "http://127.0.0.1:" + signalingLine.frontAddress().getPort();
                List<Join> joins = measure(options, base, agent, customer, mediaLine, signalingLine);
                String report = report(joins, options, Machine.describe(), started,
                        Duration.between(started, Instant.now()));
                Files.createDirectories(options.out.toAbsolutePath().getParent());
                Files.writeString(options.out, report);
                return new Run(joins, options.out);
            } finally {
                if (customer != null) {
                    customer.quit();
                }
                if (agent != null) {
                    agent.quit();
                }
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private static Process startServer(Options options, int httpPort, int relayPort) throws IOException {
        Path data = options.work.resolve("data").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(options.serverJvmOptions);
        command.addAll(List.of("-jar", options.appJar.toAbsolutePath().toString(),
                "--server.port=" + httpPort, "--remote-support.https.enabled=false",
                "--remote-support.relay.bind-address=127.0.0.1", "--remote-support.relay.port=" + relayPort,
                "--remote-support.relay.advertised-addresses=127.0.0.2",
                "--remote-support.data-dir=" + data,
                "--remote-support.recording.directory=" + data.resolve("recordings")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(options.work.resolve("server.log").toFile()).start();
    }

    private static List<Join> measure(Options options, String base, ChromeDriver agent, ChromeDriver customer,
                                      UdpDelayLine media, TcpDelayLine signaling) {
        List<Join> joins = new ArrayList<>();
        // interleaved, so that what else the machine does at the time weighs on both conditions alike
        for (int i = -options.warmups; i < options.runs; i++) {
            for (Condition condition : options.conditions) {
                media.setDelay(condition.oneWay());
                signaling.setDelay(condition.oneWay());
                Join join = join(base, agent, customer, condition, i);
                if (i >= 0) {
                    joins.add(join);
                }
                System.out.printf(Locale.ROOT, "%s %s %d: first frame after %.0f ms (decoded seen %.0f ms), "
                                + "ICE RTT %.3f s; %s%n", condition.name(), i < 0 ? "warm-up" : "run", i < 0 ? -i : i + 1,
                        join.firstFrameMs(), join.decodedMs(), join.customerIceRttSeconds(), join.milestones());
            }
        }
        return joins;
    }

    @SuppressWarnings("unchecked")
    private static Join join(String base, ChromeDriver agent, ChromeDriver customer, Condition condition, int run) {
        // a fresh console: signed in again, no resume token of the last session
        agent.get(base + "/agent.html");
        agent.executeScript("sessionStorage.clear()");
        agent.get(base + "/agent.html");
        agent.findElement(By.id("username")).sendKeys("ana");
        agent.findElement(By.id("password")).sendKeys("ana-demo");
        agent.findElement(By.id("signin-button")).click();
        poll("the agent to be signed in", () -> "ana".equals(agent.executeScript("return window.remoteSupport.signedIn")));
        agent.findElement(By.id("create")).click();
        String link = poll("the session's link", () -> (String) agent.executeScript("return window.remoteSupport.link"));
        // the agent's own media is up before the customer arrives: not part of what is measured
        poll("the agent's media to connect", () -> "connected".equals(agent.executeScript("return window.remoteSupport.mediaState")));

        customer.get(base + "/customer.html");
        customer.executeScript("sessionStorage.clear()");
        customer.get(base + URI.create(link).getRawPath());
        poll("the customer page to be usable", () -> customer.executeScript(
                "return performance.getEntriesByName('customer-ready').length > 0 ? true : null"));
        // the call's modules are in before Start
        PageActivity.awaitNoNewResources(customer, Duration.ofSeconds(1), Duration.ofSeconds(30));

        agent.executeScript(ARM);
        customer.findElement(By.id("start")).click();
        poll("the agent's first frame", () -> agent.executeScript(
                "const b = window.firstFrameBench; return b.firstFrame !== null && b.decoded !== null ? true : null"));

        List<Map<String, Object>> customerEvents = (List<Map<String, Object>>) customer.executeScript(
                "return window.firstFrameBench.events");
        List<Map<String, Object>> agentEvents = (List<Map<String, Object>>) agent.executeScript(
                "return window.firstFrameBench.events");
        double start = first(customerEvents, "start", 0);
        if (Double.isNaN(start)) {
            throw new IllegalStateException("the customer's page recorded no click on Start: " + customerEvents);
        }
        Map<String, Double> milestones = new LinkedHashMap<>();
        putSince(milestones, "camera", first(customerEvents, "camera", start), start);
        putSince(milestones, "websocket", first(customerEvents, "websocket:open", start), start);
        putSince(milestones, "offer", first(customerEvents, "remote:offer", start), start);
        putSince(milestones, "answer", first(customerEvents, "local:answer", start), start);
        double ice = first(customerEvents, "ice:connected", start);
        double completed = first(customerEvents, "ice:completed", start);
        putSince(milestones, "ice", Double.isNaN(ice) ? completed : Double.isNaN(completed) ? ice : Math.min(ice, completed), start);
        putSince(milestones, "dtls", first(customerEvents, "pc:connected", start), start);
        putSince(milestones, "agent-offer", first(agentEvents, "remote:offer", start), start);
        double frame = ((Number) agent.executeScript("return window.firstFrameBench.firstFrame")).doubleValue();
        double decoded = ((Number) agent.executeScript("return window.firstFrameBench.decoded")).doubleValue();
        putSince(milestones, "frame", frame, start);

        // the round trip ICE measured: the proof that the media really went over the slow link
        Map<String, Object> customerIce = poll("the customer's ICE round trip time", () -> {
            Map<String, Object> stats = (Map<String, Object>) customer.executeAsyncScript(ICE_STATS);
            return stats.get("rtt") instanceof Number ? stats : null;
        });
        Map<String, Object> agentIce = poll("the agent's ICE round trip time", () -> {
            Map<String, Object> stats = (Map<String, Object>) agent.executeAsyncScript(ICE_STATS);
            return stats.get("rtt") instanceof Number ? stats : null;
        });
        List<?> errors = (List<?>) agent.executeScript("return window.remoteSupport.errors");
        List<?> customerErrors = (List<?>) customer.executeScript("return window.remoteSupport.errors");
        if (!errors.isEmpty() || !customerErrors.isEmpty()) {
            throw new IllegalStateException("the pages reported errors: agent " + errors + ", customer " + customerErrors);
        }
        Join join = new Join(condition, run, frame - start, decoded - start, milestones,
                ((Number) customerIce.get("rtt")).doubleValue(), ((Number) agentIce.get("rtt")).doubleValue(),
                ((Number) agentIce.get("frames")).longValue());

        // the agent ends the session as a person would, so that the next one starts from nothing
        agent.findElement(By.id("end")).click();
        agent.findElement(By.cssSelector("#end-form input[value='resolved_remotely']")).click();
        agent.findElement(By.id("end-confirm")).click();
        poll("the customer page to show the call ended",
                () -> "ended".equals(customer.executeScript("return window.remoteSupport.state")));
        return join;
    }

    private static double first(List<Map<String, Object>> events, String name, double notBefore) {
        return events.stream().filter(e -> name.equals(e.get("event")))
                .mapToDouble(e -> ((Number) e.get("at")).doubleValue())
                .filter(at -> at >= notBefore).min().orElse(Double.NaN);
    }

    private static void putSince(Map<String, Double> milestones, String name, double at, double start) {
        if (!Double.isNaN(at)) {
            milestones.put(name, at - start);
        }
    }

    private static ChromeDriver browser(Options options, String name, String windowSize) throws IOException {
        Path profile = Files.createTempDirectory(options.work, name);
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(options.chromium);
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--window-size=" + windowSize, "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(options.chromedriver)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, chrome);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTRUMENT));
        return driver;
    }

    /** The report: p50/p95 per condition, the ratio to the baseline, the milestones in round trips. */
    static String report(List<Join> joins, Options options, Machine machine, Instant at, Duration took) {
        StringBuilder md = new StringBuilder();
        md.append("# Join to first frame\n\n");
        md.append("Run: ").append(at).append(" · took ").append(took.toSeconds()).append(" s · commit ")
                .append(machine.commit()).append(" · ").append(machine.cores()).append(" cores, ")
                .append(machine.cpuModel()).append(" · ").append(machine.jdk()).append("\n\n");
        md.append("From the customer pressing **Start** (the click, in the customer's page) to the agent's page "
                + "presenting the first frame of the customer's camera (`requestVideoFrameCallback` on the agent's "
                + "video; the agent's `getStats()` showing `framesDecoded > 0`, polled every 10 ms, is the check "
                + "column). Two headless Chromium on one machine (both clocks are the same clock): the agent has "
                + "created the session and its own media is connected; the customer (fake camera) has opened the "
                + "link and the page has loaded everything. The all-in-one server runs on loopback with its "
                + "embedded relay. Both browsers reach the server's HTTP/WebSocket port through a TCP delay line "
                + "and the relay's UDP port through a UDP delay line; the baseline sets them to no delay, "
                + "*100 ms RTT* to 50 ms each way (a new TCP connection also pays its handshake's round trip). "
                + "Conditions alternate, ").append(options.runs).append(" joins each after ").append(options.warmups)
                .append(" not counted (cold code in the browsers and the server); p50 and p95 are nearest-rank.\n\n");
        md.append("| link | joins | first frame p50 (ms) | p95 (ms) | ÷ baseline p50 | ÷ baseline p95 | "
                + "framesDecoded > 0 p50 (ms) | ICE RTT measured p50 (s) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Condition baseline = options.conditions.get(0);
        List<Join> base = of(joins, baseline);
        double baseP50 = percentile(base.stream().map(Join::firstFrameMs).toList(), 50);
        double baseP95 = percentile(base.stream().map(Join::firstFrameMs).toList(), 95);
        for (Condition condition : options.conditions) {
            List<Join> these = of(joins, condition);
            if (these.isEmpty()) {
                continue;
            }
            List<Double> frames = these.stream().map(Join::firstFrameMs).toList();
            double p50 = percentile(frames, 50);
            double p95 = percentile(frames, 95);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.2f | %.0f | %.3f |%n",
                    condition.name(), these.size(), p50, p95, p50 / baseP50, p95 / baseP95,
                    percentile(these.stream().map(Join::decodedMs).toList(), 50),
                    percentile(these.stream().map(Join::customerIceRttSeconds).toList(), 50)));
        }
        md.append("\nWhere the time goes: each milestone's p50 in ms after Start (the customer's milestones from its "
                + "page, the last two from the agent's), and two counts in round trips that bracket how many the "
                + "slow link cost: *added* = (p50 slow − p50 baseline) ÷ RTT undercounts, since on the slow link "
                + "the pages and the server work while they wait; *all of it* = p50 slow ÷ RTT overcounts, since it "
                + "includes that work. A milestone whose *added* exceeds the protocol's count spends round trips "
                + "the protocol does not ask for.\n\n");
        md.append("| milestone | protocol's round trips |");
        for (Condition condition : options.conditions) {
            md.append(' ').append(condition.name()).append(" p50 (ms) |");
        }
        for (Condition condition : options.conditions.subList(1, options.conditions.size())) {
            md.append(" added by ").append(condition.name()).append(" (RTTs) | all of it at ")
                    .append(condition.name()).append(" (RTTs) |");
        }
        md.append("\n|---|---:|").append("---:|".repeat(options.conditions.size() * 3 - 2)).append('\n');
        for (String milestone : MILESTONES) {
            md.append("| ").append(MILESTONE_NAMES.get(milestone))
                    .append(String.format(Locale.ROOT, " | %.0f |", PROTOCOL_ROUND_TRIPS.get(milestone)));
            List<Double> medians = new ArrayList<>();
            for (Condition condition : options.conditions) {
                List<Double> values = of(joins, condition).stream().map(j -> j.milestones().get(milestone))
                        .filter(v -> v != null).toList();
                double median = values.isEmpty() ? Double.NaN : percentile(values, 50);
                medians.add(median);
                md.append(Double.isNaN(median) ? " – |" : String.format(Locale.ROOT, " %.0f |", median));
            }
            for (int c = 1; c < options.conditions.size(); c++) {
                double rttMs = options.conditions.get(c).rtt().toNanos() / 1e6;
                double added = (medians.get(c) - medians.get(0)) / rttMs;
                double all = medians.get(c) / rttMs;
                md.append(Double.isNaN(added) ? " – | – |" : String.format(Locale.ROOT, " %.1f | %.1f |", added, all));
            }
            md.append('\n');
        }
        md.append("""

                *Protocol's round trips* counts what the flow needs up to each milestone if nothing overlapped:
                TCP handshake and WebSocket upgrade (2); `hello` → `welcome`, `session.join` → `joined` and
                `media.join` → the relay's offer, one after the other (3); the customer's ICE check (1); the DTLS
                1.2 handshake, the browser being the client (2); the first packets customer → relay → agent (1).
                The agent's offer leaves when the customer's answer reaches the relay, which learns from it what
                the customer sends (off the critical path: it overlaps the customer's ICE and DTLS). The bench serves
                plain HTTP; behind HTTPS a new connection pays 1–2 more for TLS.
                """);
        md.append("\nEvery join, in the order they ran (ms after Start):\n\n| # | link | first frame | framesDecoded > 0 |");
        for (String milestone : MILESTONES.subList(0, MILESTONES.size() - 1)) {
            md.append(' ').append(milestone).append(" |");
        }
        md.append(" ICE RTT customer / agent (s) |\n|---:|---|").append("---:|".repeat(MILESTONES.size() + 2)).append('\n');
        for (Join join : joins) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f |", join.run() + 1, join.condition().name(),
                    join.firstFrameMs(), join.decodedMs()));
            for (String milestone : MILESTONES.subList(0, MILESTONES.size() - 1)) {
                Double value = join.milestones().get(milestone);
                md.append(value == null ? " – |" : String.format(Locale.ROOT, " %.0f |", value));
            }
            md.append(String.format(Locale.ROOT, " %.3f / %.3f |%n", join.customerIceRttSeconds(), join.agentIceRttSeconds()));
        }
        md.append("\nReproduce: `scripts/bench.sh --first-frame`, or after `./mvnw -pl bench,app -am package -DskipTests`: "
                + "`java -cp bench/target/classes:$(cat bench/target/classpath.txt) "
                + "org.remotesupport.bench.firstframe.FirstFrameBench --runs=").append(options.runs)
                .append(" --warmups=").append(options.warmups).append("`.\n");
        return md.toString();
    }

    private static List<Join> of(List<Join> joins, Condition condition) {
        return joins.stream().filter(j -> j.condition().equals(condition)).toList();
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static <T> T poll(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            sleep(10);
        }
        throw new IllegalStateException("waited 30 s for " + what);
    }

    /** A UDP port free on both 127.0.0.1 and 127.0.0.2 a moment ago. */
    private static int freeUdpPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramChannel second = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0));
                 DatagramChannel first = DatagramChannel.open()) {
                int port = ((InetSocketAddress) second.getLocalAddress()).getPort();
                try {
                    first.bind(new InetSocketAddress("127.0.0.1", port));
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no UDP port free on both 127.0.0.1 and 127.0.0.2");
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private FirstFrameBench() {
    }
}
