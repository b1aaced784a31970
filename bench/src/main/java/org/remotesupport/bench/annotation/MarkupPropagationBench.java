package org.remotesupport.bench.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.remotesupport.bench.report.Machine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Markup propagation: {@code sessions} sessions, each an agent streaming one freehand stroke at
 * {@code pointsPerSecond} to a customer through the real {@code /annotations} endpoint, as the
 * agent console does (the points gathered every 50 ms go out as one {@code update} op). Measures,
 * per op, the time from the agent's push to the customer's receipt of the committed op; clients
 * and server share this JVM and its clock. Writes a Markdown table with the machine, date and commit.
 */
public final class MarkupPropagationBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICK_MS = 50;
    private static final int TICKERS = 2;

    /** What to run. */
    public static final class Options {
        public int sessions = 500;
        /** Several session counts, one table row each; empty: just {@link #sessions}. */
        public List<Integer> steps = List.of();
        public int pointsPerSecond = 60;
        public Duration warmup = Duration.ofSeconds(5);
        public Duration window = Duration.ofSeconds(20);
        public Path out = Path.of("bench", "results", "annotation-propagation.md");
    }

    /** What one run measured; latencies in microseconds. */
    public record Result(int sessions, int pointsPerSecond, long opsSent, long opsReceived, long rejects,
                         long p50Micros, long p99Micros, long maxMicros, double opsPerSecond, String loadAverage) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--sessions" -> options.steps = java.util.Arrays.stream(kv[1].split(","))
                        .map(Integer::parseInt).toList();
                case "--points-per-second" -> options.pointsPerSecond = Integer.parseInt(kv[1]);
                case "--warmup" -> options.warmup = Duration.ofSeconds(Long.parseLong(kv[1]));
                case "--window" -> options.window = Duration.ofSeconds(Long.parseLong(kv[1]));
                case "--out" -> options.out = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int sessions : options.steps.isEmpty() ? List.of(options.sessions) : options.steps) {
            options.sessions = sessions;
            results.add(run(options));
            write(options, results);
        }
        System.out.println(table(results, options, Machine.describe(), Instant.now()));
        System.exit(0);
    }

    /** Starts the service, runs the load, writes the table to {@code options.out} and returns the numbers. */
    public static Result run(Options options) throws Exception {
        // the bench logs through slf4j-simple; Spring Boot must not try to configure Logback
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        ConfigurableApplicationContext server = new SpringApplicationBuilder(BenchAnnotationServer.class)
                .properties("server.port=0", "spring.main.banner-mode=off",
                        "remote-support.annotations.ops-per-second=100",
                        "remote-support.annotations.points-per-stroke=100000",
                        "remote-support.annotations.markups-per-session=10")
                .run();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(TICKERS);
        List<BenchClient> clients = new ArrayList<>();
        try {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            URI uri = URI.create("ws://127.0.0.1:" + port + "/annotations");
            HttpClient http = HttpClient.newHttpClient();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Recorder latencies = new Recorder(3);
            AtomicLong received = new AtomicLong();
            AtomicLong rejects = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            CountDownLatch joined = new CountDownLatch(options.sessions * 2);
            List<BenchClient> agents = new ArrayList<>();
            for (int s = 0; s < options.sessions; s++) {
                String session = "bench-" + s;
                BenchClient customer = BenchClient.open(http, uri, text -> {
                    long now = System.nanoTime();
                    if (text.startsWith("{\"type\":\"joined\"")) {
                        joined.countDown();
                        return;
                    }
                    if (!text.startsWith("{\"type\":\"ops\"")) {
                        return;
                    }
                    for (JsonNode op : read(text).path("ops")) {
                        Long at = sentAt.remove(session + "/" + op.path("opId").asText());
                        if (at != null) {
                            latencies.recordValue(Math.max(0, (now - at) / 1000));
                            received.incrementAndGet();
                        }
                    }
                });
                BenchClient agent = BenchClient.open(http, uri, text -> {
                    if (text.startsWith("{\"type\":\"joined\"")) {
                        joined.countDown();
                    } else if (text.startsWith("{\"type\":\"reject\"") || text.startsWith("{\"type\":\"error\"")) {
                        rejects.incrementAndGet();
                    }
                });
                customer.send(join(session, "customer-" + s));
                agent.send(join(session, "agent-" + s));
                clients.add(customer);
                clients.add(agent);
                agents.add(agent);
            }
            if (!joined.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every client joined: " + joined.getCount() + " missing");
            }
            long[] counters = new long[options.sessions];
            for (int s = 0; s < options.sessions; s++) {
                String opId = "a0";
                sentAt.put("bench-" + s + "/" + opId, System.nanoTime());
                agents.get(s).send("{\"type\":\"op\",\"opId\":\"" + opId + "\",\"kind\":\"add\",\"markup\":{\"id\":\"stroke\","
                        + "\"type\":\"stroke\",\"color\":\"#ff3b30\",\"width\":4,\"points\":[[0.5,0.5]],"
                        + "\"anchor\":{\"track\":\"camera\",\"frameTs\":0}}}");
            }
            double pointsPerTick = options.pointsPerSecond * TICK_MS / 1000.0;
            double[] owed = new double[options.sessions];
            for (int t = 0; t < TICKERS; t++) {
                int part = t;
                ticker.scheduleAtFixedRate(() -> {
                    for (int s = part; s < options.sessions; s += TICKERS) {
                        owed[s] += pointsPerTick;
                        int points = (int) owed[s];
                        if (points == 0) {
                            continue;
                        }
                        owed[s] -= points;
                        StringBuilder list = new StringBuilder();
                        for (int p = 0; p < points; p++) {
                            long n = ++counters[s];
                            double angle = n / 30.0;
                            list.append(p == 0 ? "[" : ",[").append(fixed4(0.5 + 0.3 * Math.cos(angle))).append(',')
                                    .append(fixed4(0.5 + 0.3 * Math.sin(angle))).append(']');
                        }
                        String opId = "u" + counters[s];
                        sentAt.put("bench-" + s + "/" + opId, System.nanoTime());
                        agents.get(s).send("{\"type\":\"op\",\"opId\":\"" + opId + "\",\"kind\":\"update\",\"markupId\":\"stroke\","
                                + "\"points\":[" + list + "]}");
                        sent.incrementAndGet();
                    }
                }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
            }
            Thread.sleep(options.warmup.toMillis()); // load phase, not synchronisation: the warm-up runs for its time
            latencies.reset();
            long sentBefore = sent.get();
            long receivedBefore = received.get();
            long start = System.nanoTime();
            Thread.sleep(options.window.toMillis()); // the measurement window itself
            Histogram histogram = latencies.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            long opsReceived = received.get() - receivedBefore;
            Result result = new Result(options.sessions, options.pointsPerSecond, sent.get() - sentBefore, opsReceived,
                    rejects.get(), histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getMaxValue(), opsReceived / seconds, loadAverage());
            write(options, List.of(result));
            return result;
        } finally {
            ticker.shutdownNow();
            clients.forEach(BenchClient::close);
            server.close();
        }
    }

    // four decimals without String.format, which would cost the load generator more than the server
    private static String fixed4(double value) {
        long scaled = Math.round(value * 10_000);
        String fraction = Long.toString(10_000 + scaled % 10_000).substring(1);
        return scaled / 10_000 + "." + fraction;
    }

    // the machine may be shared: the one-minute load average says how much else was running
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String join(String session, String participant) {
        return "{\"type\":\"join\",\"v\":1,\"sessionId\":\"" + session + "\",\"participantId\":\"" + participant
                + "\",\"token\":\"bench\",\"lastSeq\":0}";
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Options options, List<Result> results) throws IOException {
        if (options.out.getParent() != null) {
            Files.createDirectories(options.out.getParent());
        }
        Files.writeString(options.out, table(results, options, Machine.describe(), Instant.now()));
    }

    /** The results as the Markdown file in {@code bench/results/}. */
    static String table(List<Result> results, Options options, Machine machine, Instant date) {
        StringBuilder rows = new StringBuilder();
        for (Result r : results) {
            rows.append("| %d | %d | %d | %d | %d | %d | %.0f | %.1f ms | %.1f ms | %.1f ms | %s |%n".formatted(
                    r.sessions(), r.pointsPerSecond(), r.sessions() * 1000 / TICK_MS, r.opsSent(), r.opsReceived(),
                    r.rejects(), r.opsPerSecond(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
                    r.maxMicros() / 1000.0, r.loadAverage()));
        }
        return """
                # Markup propagation (agent push → customer receive)

                Concurrent sessions; in each, the agent streams one freehand stroke at the given points/s to
                the customer through `/annotations` (points batched every %d ms into one `update` op, as the
                agent console does). Latency: from the agent's send of an op to the customer's receipt of the
                committed op; in-memory op log; server and clients in one JVM on loopback, so the load
                generator competes with the server for the same cores. Warm-up %d s, window %d s per row.
                "ops sent" below "ops/s offered" × window means the machine could not generate the load.

                | machine | date | commit |
                |---|---|---|
                | %d cores, %s, %s, %s | %s | %s |

                | sessions | points/s per stroke | ops/s offered | ops sent | ops received | rejects | ops/s delivered | p50 | p99 | max | load average (1 min) |
                |---|---|---|---|---|---|---|---|---|---|---|
                %s
                Run: `./mvnw -pl bench -am package -DskipTests`, then
                `java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.remotesupport.bench.annotation.MarkupPropagationBench --sessions=100,500 --points-per-second=60`.
                """.formatted(TICK_MS, options.warmup.toSeconds(), options.window.toSeconds(), machine.cores(),
                machine.cpuModel(), machine.jdk(), machine.os(), date, machine.commit(), rows);
    }

    private MarkupPropagationBench() {
    }
}
