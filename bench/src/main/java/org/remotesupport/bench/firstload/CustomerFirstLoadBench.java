package org.remotesupport.bench.firstload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.remotesupport.bench.browser.AppServerProcess;
import org.remotesupport.bench.browser.PageActivity;
import org.remotesupport.bench.report.Machine;

/**
 * The customer page's first load on a phone: the all-in-one server (its jar, started as a child
 * process) serves an invite link; a fresh headless Chromium (empty cache, new connections) opens it
 * {@code runs} times per language, once over the unthrottled loopback (the baseline) and once with
 * Chrome DevTools' network emulation of a 3G-like link, in the same run. Measures the bytes
 * transferred (Resource Timing {@code transferSize}, headers included, and the compressed and
 * uncompressed bodies) and the time from navigation start to a usable page: the page's
 * {@code customer-ready} mark, set when its texts are in its language and Start is enabled. Writes
 * a Markdown report. Runs on the calling thread.
 */
public final class CustomerFirstLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A network as Chrome DevTools emulates it: added latency per request, throughput caps. */
    public record Network(String name, int latencyMs, long downloadBitsPerSecond, long uploadBitsPerSecond) {
        static final Network UNTHROTTLED = new Network("unthrottled (loopback)", 0, -1, -1);
        static final Network THREE_G = new Network("3G-like", 150, 1_600_000, 750_000);
    }

    /** What to run. */
    public static final class Options {
        public Path appJar = Path.of("app", "target", "remote-support.jar");
        public List<String> languages = List.of("en", "ar");
        public int runs = 7;
        public Path out = Path.of("bench", "results", "customer-first-load.md");
        public Path work = Path.of("bench", "target", "first-load");
        public String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        public String chromedriver = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    }

    /** One page load. */
    public record Load(Network network, String language, double usableMs, double firstPaintMs, long bytesToUsable,
                       int requestsToUsable, long bytesTotal, int requestsTotal, List<Resource> resources) {

        /** When the last response of the load arrived: the call's modules are in by then. */
        double allFetchedMs() {
            return resources.stream().mapToDouble(Resource::responseEndMs).max().orElse(0);
        }
    }

    /** One response of a load, as Resource Timing saw it. */
    public record Resource(String path, long transferSize, long encodedBodySize, long decodedBodySize,
                           double responseEndMs) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--app-jar" -> options.appJar = Path.of(kv[1]);
                case "--languages" -> options.languages = List.of(kv[1].split(","));
                case "--runs" -> options.runs = Integer.parseInt(kv[1]);
                case "--out" -> options.out = Path.of(kv[1]);
                case "--work" -> options.work = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Instant started = Instant.now();
        List<Load> loads = run(options);
        String report = report(loads, options, Machine.describe(), started, Duration.between(started, Instant.now()));
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, report);
        System.out.println(report);
        System.exit(0);
    }

    /** Starts the server, loads the page in every network and language, stops the server. */
    public static List<Load> run(Options options) throws Exception {
        if (!Files.isRegularFile(options.appJar)) {
            throw new IllegalStateException(options.appJar + " is missing: build it with ./mvnw -pl app -am package");
        }
        Files.createDirectories(options.work);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = options.work.resolve("server.log");
        Process server = new ProcessBuilder("java", "-jar", options.appJar.toAbsolutePath().toString(),
                "--server.port=" + port, "--remote-support.https.enabled=false", "--remote-support.relay.port=0",
                "--remote-support.data-dir=" + options.work.resolve("data").toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://localhost:" + port;
            AppServerProcess.awaitReady(base, server, Duration.ofMinutes(3));
            List<Load> loads = new ArrayList<>();
            // interleaved, so that what else the machine does at the time weighs on both networks alike
            for (int i = 0; i < options.runs; i++) {
                for (Network network : List.of(Network.UNTHROTTLED, Network.THREE_G)) {
                    for (String language : options.languages) {
                        // a new link each time: the same as a customer opening the one they were sent
                        loads.add(load(options, invite(base), network, language, i));
                    }
                }
            }
            return loads;
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Load load(Options options, String link, Network network, String language, int run) throws IOException {
        Path profile = Files.createTempDirectory(options.work, "profile");
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(options.chromium);
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=390,844",
                "--user-data-dir=" + profile.toAbsolutePath());
        chrome.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(options.chromedriver)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, chrome);
        try {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            if (network.latencyMs() > 0) {
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                        "offline", false, "latency", network.latencyMs(),
                        "downloadThroughput", network.downloadBitsPerSecond() / 8,
                        "uploadThroughput", network.uploadBitsPerSecond() / 8,
                        "connectionType", "cellular3g"));
            }
            driver.get(link + "?lang=" + language);
            Map<String, Object> timing = poll(driver, Duration.ofSeconds(90), """
                    const ready = performance.getEntriesByName('customer-ready')[0];
                    if (!ready || document.documentElement.lang !== arguments[0]) { return null; }
                    return {ready: ready.startTime};
                    """, language);
            // then the call's modules, which the page fetches while the customer reads: wait until
            // nothing new arrived for two seconds
            PageActivity.awaitNoNewResources(driver, Duration.ofSeconds(2), Duration.ofSeconds(60));
            // a page kept hidden until its texts are in paints first when it is shown
            Object paint = driver.executeScript(
                    "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1");
            List<Map<String, Object>> entries = (List<Map<String, Object>>) driver.executeScript("""
                    return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                        .map(e => ({path: new URL(e.name).pathname, transferSize: e.transferSize,
                                    encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
                                    responseEnd: e.responseEnd}));
                    """);
            List<Resource> resources = entries.stream().map(e -> new Resource(
                    shorten((String) e.get("path")), number(e, "transferSize"), number(e, "encodedBodySize"),
                    number(e, "decodedBodySize"), ((Number) e.get("responseEnd")).doubleValue())).toList();
            double usable = ((Number) timing.get("ready")).doubleValue();
            List<Resource> beforeUsable = resources.stream().filter(r -> r.responseEndMs() <= usable).toList();
            Load result = new Load(network, language, usable, ((Number) paint).doubleValue(),
                    beforeUsable.stream().mapToLong(Resource::transferSize).sum(), beforeUsable.size(),
                    resources.stream().mapToLong(Resource::transferSize).sum(), resources.size(), resources);
            System.out.printf(Locale.ROOT, "%s %s run %d: usable after %.0f ms, %d bytes in %d requests (%d bytes, %d requests in all)%n",
                    network.name(), language, run + 1, usable, result.bytesToUsable(), result.requestsToUsable(),
                    result.bytesTotal(), result.requestsTotal());
            return result;
        } finally {
            driver.quit();
        }
    }

    /** The report: medians per network and language, the ratio to the baseline, what loads when. */
    static String report(List<Load> loads, Options options, Machine machine, Instant at, Duration took) {
        StringBuilder md = new StringBuilder();
        md.append("# Customer page: first load\n\n");
        md.append("Run: ").append(at).append(" · took ").append(took.toSeconds()).append(" s · commit ")
                .append(machine.commit()).append(" · ").append(machine.cores()).append(" cores, ")
                .append(machine.cpuModel()).append(" · ").append(machine.jdk()).append("\n\n");
        md.append("The customer opens an invite link (`/s/{token}?lang=…`) in a fresh headless Chromium with a "
                + "390×844 phone viewport: empty cache, new connections. *Usable* is the page's `customer-ready` "
                + "mark: its texts are in the customer's language and **Start** is enabled. Bytes are Resource "
                + "Timing `transferSize` (compressed body and headers) of the page and everything it fetched. "
                + "The 3G-like link is Chrome DevTools' network emulation (`Network.emulateNetworkConditions`): "
                + "150 ms added to every request, 1.6 Mbit/s down, 750 kbit/s up; the baseline is the same load "
                + "over loopback without emulation, in the same run. ")
                .append(options.runs).append(" loads each; medians, with the range in brackets.\n\n");
        md.append("| network | language | usable after (ms) | ÷ baseline | first paint (ms) | requests until usable | "
                + "bytes until usable | all fetched after (ms) | requests in all | bytes in all |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Network network : List.of(Network.UNTHROTTLED, Network.THREE_G)) {
            for (String language : options.languages) {
                List<Load> these = loads.stream()
                        .filter(l -> l.network().equals(network) && l.language().equals(language)).toList();
                if (these.isEmpty()) {
                    continue;
                }
                List<Load> base = loads.stream()
                        .filter(l -> l.network().equals(Network.UNTHROTTLED) && l.language().equals(language)).toList();
                double usable = median(these.stream().map(Load::usableMs).toList());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f [%.0f–%.0f] | %.1f | %.0f | %d | %s | %.0f | %d | %s |%n",
                        network.name(), language, usable,
                        these.stream().mapToDouble(Load::usableMs).min().orElse(0),
                        these.stream().mapToDouble(Load::usableMs).max().orElse(0),
                        usable / median(base.stream().map(Load::usableMs).toList()),
                        median(these.stream().map(Load::firstPaintMs).toList()),
                        (int) median(these.stream().map(l -> (double) l.requestsToUsable()).toList()),
                        bytes((long) median(these.stream().map(l -> (double) l.bytesToUsable()).toList())),
                        median(these.stream().map(Load::allFetchedMs).toList()),
                        (int) median(these.stream().map(l -> (double) l.requestsTotal()).toList()),
                        bytes((long) median(these.stream().map(l -> (double) l.bytesTotal()).toList()))));
            }
        }
        loads.stream().filter(l -> l.network().equals(Network.THREE_G)).findFirst().ifPresent(sample -> {
            md.append("\nWhat one 3G-like load (").append(sample.language())
                    .append(") fetched, in the order it arrived; above the line the page was usable:\n\n");
            md.append("| response | transferred | body (compressed) | body | arrived (ms) |\n|---|---:|---:|---:|---:|\n");
            boolean marked = false;
            for (Resource r : sample.resources().stream().sorted(Comparator.comparingDouble(Resource::responseEndMs)).toList()) {
                if (!marked && r.responseEndMs() > sample.usableMs()) {
                    md.append(String.format(Locale.ROOT, "| **usable at %.0f ms** | | | | |%n", sample.usableMs()));
                    marked = true;
                }
                md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %.0f |%n", r.path(), bytes(r.transferSize()),
                        bytes(r.encodedBodySize()), bytes(r.decodedBodySize()), r.responseEndMs()));
            }
        });
        md.append("\nReproduce: `scripts/bench.sh --first-load-only`, or after `./mvnw -pl bench,app -am package -DskipTests`: "
                + "`java -cp bench/target/classes:$(cat bench/target/classpath.txt) "
                + "org.remotesupport.bench.firstload.CustomerFirstLoadBench --runs=").append(options.runs).append("`.\n");
        return md.toString();
    }

    /** A queue link, as the demo agent creates it with {@code POST /api/invites}. */
    private static String invite(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"password\":\"ana-demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).path("token").asText();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/invites"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderNumber\":\"BENCH-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("invite refused: " + created.statusCode() + " " + created.body());
        }
        JsonNode link = JSON.readTree(created.body()).path("link");
        return link.asText().startsWith("http") ? link.asText() : base + link.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> poll(ChromeDriver driver, Duration timeout, String script, Object... args) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object value = driver.executeScript(script, args);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            sleepQuietly(20);
        }
        throw new IllegalStateException("the page did not become usable within " + timeout);
    }

    private static String shorten(String path) {
        return path.startsWith("/s/") ? "/s/{token}" : path;
    }

    private static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String bytes(long n) {
        return n >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0) : n + " B";
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CustomerFirstLoadBench() {
    }
}
