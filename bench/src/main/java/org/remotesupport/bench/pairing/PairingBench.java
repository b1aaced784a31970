package org.remotesupport.bench.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.remotesupport.bench.report.Machine;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.testsupport.redis.RedisServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Pairing latency: how long from a customer's {@code queue.join} until the agent who will serve it
 * receives the ringing {@code offer}, with the queue empty and with thousands of customers waiting,
 * on one signaling node (in memory) and on two nodes sharing a real {@code redis-server}.
 *
 * <p>Everything goes through the real server and protocol: agents are accounts that sign in with
 * {@code POST /api/auth/login}, say {@code hello} on {@code /ws} with their token and declare their
 * presence; customers enter through the help page ({@code POST /api/entry/help}), say {@code hello}
 * with the customer token it returns and send {@code queue.join}. Most agents are {@code busy}; the
 * waiting customers ask for languages that only busy agents speak, so they stay queued and every
 * agent watches a deep queue. A few idle agents speak only the probe language; a probe customer joins
 * in it, the time to the offer at the idle agent is recorded, and the customer leaves again (the
 * offer is withdrawn, the agent is idle for the next probe). The same probes run before the queue is
 * filled, with it full, and again after every waiting customer left, in the same run, so the ratio
 * deep ÷ empty says what the queue's depth costs on this machine. On two nodes, the probe customers are on node A and the idle agents on
 * node B, so every offer crosses Redis pub/sub; busy agents and waiting customers are spread over
 * both. Clients and servers share this JVM and its clock (so one clock times both ends), and so the
 * load generator competes with the servers for the same cores.
 */
public final class PairingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The language of the probes, spoken by the idle agents and by nobody else who is available. */
    private static final String PROBE_LANGUAGE = "en";
    /** The waiting customers' languages: only busy agents speak them. */
    private static final List<String> QUEUE_LANGUAGES = List.of("de", "fr", "es", "it", "pt", "nl", "sv", "da",
            "fi", "nb", "pl", "cs", "hu", "ro", "el", "tr", "ja", "ko", "zh", "ar", "he", "uk", "bg", "hr");
    private static final List<String> CATEGORIES = List.of("coffee-machines", "e-bikes", "smartphones",
            "washing-machines", "laptops", "vacuum-cleaners", "televisions", "dishwashers");
    /** Fewer customers than this share one probe customer's connection between probes. */
    private static final int PROBE_CUSTOMERS = 10;

    /** What to run. */
    public static final class Options {
        /** Customers waiting in the deep queue. */
        public int customers = 5000;
        /** Agents signed in, the idle ones included. */
        public int agents = 500;
        /** Agents available for the probe language (the rest are busy). */
        public int idleAgents = 10;
        /** Probes measured per queue state; as many again warm up before the baseline. */
        public int probes = 300;
        /** Pause between one probe's end and the next probe's join, so probes fall on every phase of the periodic work. */
        public Duration pause = Duration.ofMillis(40);
        public boolean oneNode = true;
        public boolean twoNodes = true;
        public Path out = Path.of("bench", "results", "pairing-latency.md");
    }

    /** One queue state's probes: join → offer at the agent, and join → the customer's own {@code queue.status}. */
    public record Latency(int probes, long offerP50Micros, long offerP99Micros, long offerMaxMicros,
                          long statusP50Micros, long statusP99Micros) {
    }

    /**
     * One topology's run: the empty queue before it was filled, the deep queue, and the empty queue
     * again after every waiting customer left (the same warm servers, so the fairest baseline).
     *
     * @param queuedDeep how many waited while the deep queue was probed (the probes themselves gone)
     */
    public record Result(String topology, int customers, int agents, int idleAgents, Latency empty, Latency deep,
                         Latency emptyAgain, int queuedDeep, double fillSeconds, String loadAverage) {

        /** Deep ÷ the mean of the two empty baselines. */
        public double p50Ratio() {
            return ratio(deep.offerP50Micros(), (empty.offerP50Micros() + emptyAgain.offerP50Micros()) / 2);
        }

        /** Deep ÷ the mean of the two empty baselines. */
        public double p99Ratio() {
            return ratio(deep.offerP99Micros(), (empty.offerP99Micros() + emptyAgain.offerP99Micros()) / 2);
        }

        private static double ratio(long a, long b) {
            return (double) Math.max(a, 1) / Math.max(b, 1);
        }
    }

    /** A run: its results and the Markdown file written. */
    public record Run(List<Result> results, Path table) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--customers" -> options.customers = Integer.parseInt(value);
                case "--agents" -> options.agents = Integer.parseInt(value);
                case "--idle-agents" -> options.idleAgents = Integer.parseInt(value);
                case "--probes" -> options.probes = Integer.parseInt(value);
                case "--topologies" -> {
                    List<String> topologies = List.of(value.split(","));
                    options.oneNode = topologies.contains("one");
                    options.twoNodes = topologies.contains("two");
                }
                case "--out" -> options.out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--customers N --agents N --idle-agents N --probes N --topologies one,two --out FILE)");
            }
            i++;
        }
        Run run = run(options);
        System.out.println(Files.readString(run.table()));
        System.exit(0);
    }

    /** Runs the chosen topologies one after another and writes the table to {@code options.out}. */
    public static Run run(Options options) throws Exception {
        if (options.idleAgents < 1 || options.idleAgents >= options.agents) {
            throw new IllegalArgumentException("idle agents must be at least 1 and fewer than all agents");
        }
        // the bench logs through slf4j-simple; Spring Boot must not try to configure Logback
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        List<Result> results = new ArrayList<>();
        if (options.oneNode) {
            results.add(new Scenario(options, false).run());
        }
        if (options.twoNodes) {
            results.add(new Scenario(options, true).run());
        }
        write(options, results);
        return new Run(results, options.out);
    }

    /** One topology: its nodes, clients and measurements. */
    private static final class Scenario {

        private final Options options;
        private final boolean twoNodes;
        private final String secret = newSecret();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        private final List<PairingClient> clients = new ArrayList<>();
        private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong customerCounter = new AtomicLong();
        private final List<Customer> waiting = Collections.synchronizedList(new ArrayList<>());
        private RedisServer redis;
        private ConfigurableApplicationContext nodeA;
        private ConfigurableApplicationContext nodeB;

        private static String newSecret() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        Scenario(Options options, boolean twoNodes) {
            this.options = options;
            this.twoNodes = twoNodes;
        }

        Result run() throws Exception {
            try {
                if (twoNodes) {
                    redis = RedisServer.start();
                    nodeA = startNode("bench-a", redis.uri());
                    nodeB = startNode("bench-b", redis.uri());
                } else {
                    nodeA = startNode("bench", null);
                    nodeB = nodeA;
                }
                progress("nodes up; creating " + options.agents + " agent accounts");
                createAccounts();
                // every client says something well within the idle timeout, as the web client does
                pinger.scheduleWithFixedDelay(this::pingAll, 10, 10, TimeUnit.SECONDS);
                List<PairingClient> idle = signInAgents();
                progress(options.agents + " agents signed in and present; probing the empty queue");
                List<Customer> probeCustomers = new ArrayList<>();
                for (int i = 0; i < Math.min(PROBE_CUSTOMERS, options.probes); i++) {
                    probeCustomers.add(customer(nodeA, PROBE_LANGUAGE, "probe-" + i));
                }
                probe(probeCustomers, idle, options.probes); // warm-up, thrown away
                Latency empty = probe(probeCustomers, idle, options.probes);
                progress(String.format(Locale.ROOT, "empty queue: offer p50 %s p99 %s; filling the queue with %d customers",
                        ms(empty.offerP50Micros()), ms(empty.offerP99Micros()), options.customers));
                long fillStart = System.nanoTime();
                fillQueue();
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                progress(String.format(Locale.ROOT, "%d customers queued in %.1f s; probing the deep queue",
                        options.customers, fillSeconds));
                Latency deep = probe(probeCustomers, idle, options.probes);
                int queued = nodeA.getBean(QueueStore.class).size();
                String load = loadAverage();
                progress(String.format(Locale.ROOT, "deep queue: offer p50 %s p99 %s; the waiting customers leave",
                        ms(deep.offerP50Micros()), ms(deep.offerP99Micros())));
                drainQueue();
                Latency emptyAgain = probe(probeCustomers, idle, options.probes);
                progress(String.format(Locale.ROOT, "empty queue again: offer p50 %s p99 %s",
                        ms(emptyAgain.offerP50Micros()), ms(emptyAgain.offerP99Micros())));
                return new Result(twoNodes ? "two nodes, Redis" : "one node, in memory", options.customers,
                        options.agents, options.idleAgents, empty, deep, emptyAgain, queued, fillSeconds, load);
            } finally {
                pinger.shutdownNow();
                clients.forEach(PairingClient::close);
                if (nodeB != null && nodeB != nodeA) {
                    nodeB.close();
                }
                if (nodeA != null) {
                    nodeA.close();
                }
                if (redis != null) {
                    redis.close();
                }
            }
        }

        private void progress(String what) {
            System.err.printf(Locale.ROOT, "[pairing, %s] %s%n", twoNodes ? "two nodes" : "one node", what);
        }

        private ConfigurableApplicationContext startNode(String nodeId, String redisUri) {
            List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
                    "remote-support.identity.token-secret=" + secret,
                    "remote-support.identity.demo-accounts=false",
                    // the bench's accounts are made with the cheapest BCrypt cost: signing in 500 agents
                    // is set-up, not what is measured
                    "remote-support.identity.bcrypt-strength=4",
                    // thousands of customers enter from one address
                    "remote-support.entry.submissions-per-address=1000000",
                    // probes are withdrawn by the customer long before this
                    "remote-support.matching.ring-timeout=10m",
                    "remote-support.cluster.node-id=" + nodeId));
            if (redisUri != null) {
                properties.add("remote-support.redis.uri=" + redisUri);
                properties.add("remote-support.redis.key-prefix=bench:");
            }
            return new SpringApplicationBuilder(BenchSignalingServer.class)
                    .properties(properties.toArray(String[]::new))
                    .run();
        }

        private static int port(ConfigurableApplicationContext node) {
            return ((WebServerApplicationContext) node).getWebServer().getPort();
        }

        private static String agentName(int i) {
            return String.format(Locale.ROOT, "agent-%04d", i);
        }

        private void createAccounts() {
            AccountStore accounts = nodeA.getBean(AccountStore.class);
            PasswordEncoder encoder = nodeA.getBean(PasswordEncoder.class);
            String hash = encoder.encode("bench-password");
            for (int i = 0; i < options.agents; i++) {
                accounts.create(new Account(agentName(i), "Agent " + i, hash, AccountRole.AGENT,
                        languagesOf(i), List.of(CATEGORIES.get(i % CATEGORIES.size()))));
            }
        }

        private boolean isIdle(int agent) {
            return agent < options.idleAgents;
        }

        /** Idle agents speak the probe language only; busy ones two of the queue's languages and the probe's. */
        private List<String> languagesOf(int agent) {
            if (isIdle(agent)) {
                return List.of(PROBE_LANGUAGE);
            }
            return List.of(QUEUE_LANGUAGES.get(agent % QUEUE_LANGUAGES.size()),
                    QUEUE_LANGUAGES.get((agent / QUEUE_LANGUAGES.size() + agent + 1) % QUEUE_LANGUAGES.size()),
                    PROBE_LANGUAGE);
        }

        /** Signs every agent in and declares its presence; returns the idle agents' connections. */
        private List<PairingClient> signInAgents() throws Exception {
            List<PairingClient> idle = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<PairingClient>> agents = new ArrayList<>();
                for (int i = 0; i < options.agents; i++) {
                    int agent = i;
                    // on two nodes, the idle agents are on node B, the busy ones on both
                    ConfigurableApplicationContext node = isIdle(agent) || agent % 2 == 1 ? nodeB : nodeA;
                    agents.add(pool.submit(() -> signIn(node, agent)));
                }
                for (int i = 0; i < agents.size(); i++) {
                    PairingClient client = agents.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    if (isIdle(i)) {
                        idle.add(client);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            return idle;
        }

        private PairingClient signIn(ConfigurableApplicationContext node, int agent) throws Exception {
            String body = "{\"username\":\"" + agentName(agent) + "\",\"password\":\"bench-password\"}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port(node) + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sign-in of " + agentName(agent) + " failed: " + response.body());
            }
            String token = JSON.readTree(response.body()).path("token").asText();
            PairingClient client = connect(node, token, null);
            StringBuilder languages = new StringBuilder();
            for (String language : languagesOf(agent)) {
                languages.append(languages.isEmpty() ? "\"" : ",\"").append(language).append('"');
            }
            client.request("{\"type\":\"presence.set\",\"id\":\"p\",\"availability\":\""
                    + (isIdle(agent) ? "available" : "busy") + "\",\"languages\":[" + languages
                    + "],\"capacity\":1}", "presence.state", WAIT);
            return client;
        }

        private PairingClient connect(ConfigurableApplicationContext node, String token, String name) throws Exception {
            PairingClient client = PairingClient.open(http, URI.create("ws://127.0.0.1:" + port(node) + "/ws"));
            synchronized (clients) {
                clients.add(client);
            }
            client.request("{\"type\":\"hello\",\"id\":\"h\",\"v\":2,\"token\":\"" + token + "\""
                    + (name == null ? "" : ",\"name\":\"" + name + "\"") + "}", "welcome", WAIT);
            return client;
        }

        private void pingAll() {
            List<PairingClient> all;
            synchronized (clients) {
                all = List.copyOf(clients);
            }
            for (PairingClient client : all) {
                client.send("{\"type\":\"ping\"}");
            }
        }

        /** A customer who came through the help page and said hello; not queued yet. */
        private record Customer(PairingClient client, String ticketId) {
        }

        private Customer customer(ConfigurableApplicationContext node, String language, String name) throws Exception {
            long n = customerCounter.incrementAndGet();
            String boundary = "bench" + n;
            StringBuilder form = new StringBuilder();
            String category = CATEGORIES.get((int) (n % CATEGORIES.size()));
            for (String[] field : List.of(new String[] {"language", language}, new String[] {"category", category},
                    new String[] {"orderNumber", "B-" + n},
                    new String[] {"description", "does not start after the update"}, new String[] {"name", name})) {
                form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(field[0]).append("\"\r\n\r\n").append(field[1]).append("\r\n");
            }
            form.append("--").append(boundary).append("--\r\n");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port(node) + "/api/entry/help"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("help page entry failed: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode entered = JSON.readTree(response.body());
            return new Customer(connect(node, entered.path("token").asText(), name),
                    entered.path("ticket").path("id").asText());
        }

        /** Fills the queue: customers spread over both nodes and the queue's languages, each queued when it returns. */
        private void fillQueue() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> joined = new ArrayList<>();
                for (int i = 0; i < options.customers; i++) {
                    int n = i;
                    joined.add(pool.submit(() -> {
                        ConfigurableApplicationContext node = n % 2 == 0 ? nodeA : nodeB;
                        Customer customer = customer(node, QUEUE_LANGUAGES.get(n % QUEUE_LANGUAGES.size()),
                                "Waiting " + n);
                        customer.client().request("{\"type\":\"queue.join\",\"id\":\"j\"}", "queue.status", WAIT);
                        waiting.add(customer);
                        return null;
                    }));
                }
                for (Future<?> f : joined) {
                    f.get(WAIT.toSeconds() * 5, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        /** Every waiting customer leaves the queue (and stays connected, as a customer who gave up might). */
        private void drainQueue() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> left = new ArrayList<>();
                for (Customer customer : waiting) {
                    left.add(pool.submit(() -> customer.client().request("{\"type\":\"queue.leave\",\"id\":\"l\"}",
                            "queue.left", WAIT)));
                }
                for (Future<?> f : left) {
                    f.get(WAIT.toSeconds() * 5, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int queued = nodeA.getBean(QueueStore.class).size();
            if (queued != 0) {
                throw new IllegalStateException(queued + " customers still queued after all left");
            }
        }

        /**
         * Runs {@code count} probes one after another: a probe customer joins, the time until an idle
         * agent is offered it is recorded, the customer leaves and the agent is told the offer is gone.
         */
        private Latency probe(List<Customer> customers, List<PairingClient> idle, int count) throws Exception {
            Histogram offers = new Histogram(3);
            Histogram statuses = new Histogram(3);
            for (int i = 0; i < count; i++) {
                Customer customer = customers.get(i % customers.size());
                List<CompletableFuture<PairingClient.Arrival>> offered = new ArrayList<>();
                for (PairingClient agent : idle) {
                    offered.add(agent.next("offer"));
                }
                CompletableFuture<PairingClient.Arrival> status = customer.client().next("queue.status");
                long joinedAt = System.nanoTime();
                customer.client().send("{\"type\":\"queue.join\",\"id\":\"probe\"}");
                PairingClient.Arrival offer = (PairingClient.Arrival) CompletableFuture
                        .anyOf(offered.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                PairingClient agent = idle.get(offered.indexOf(offered.stream()
                        .filter(f -> f.isDone() && f.join() == offer).findFirst().orElseThrow()));
                if (!offer.text().contains("\"ticketId\":\"" + customer.ticketId() + "\"")) {
                    throw new IllegalStateException("an idle agent was offered someone else: " + offer.text());
                }
                offers.recordValue(Math.max(0, (offer.at() - joinedAt) / 1000));
                statuses.recordValue(Math.max(0, (status.get(WAIT.toSeconds(), TimeUnit.SECONDS).at() - joinedAt)
                        / 1000));
                // the customer gives up: the offer is withdrawn and the agent is idle again
                CompletableFuture<PairingClient.Arrival> withdrawn = agent.next("offer.withdrawn");
                customer.client().request("{\"type\":\"queue.leave\",\"id\":\"leave\"}", "queue.left", WAIT);
                withdrawn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                for (int a = 0; a < idle.size(); a++) {
                    idle.get(a).cancel(offered.get(a));
                }
                Thread.sleep(options.pause.toMillis()); // pacing, not synchronisation: every step above was awaited
            }
            return new Latency(count, offers.getValueAtPercentile(50), offers.getValueAtPercentile(99),
                    offers.getMaxValue(), statuses.getValueAtPercentile(50), statuses.getValueAtPercentile(99));
        }
    }

    // the machine may be shared: the one-minute load average says how much else was running
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void write(Options options, List<Result> results) throws IOException {
        if (options.out.getParent() != null) {
            Files.createDirectories(options.out.getParent());
        }
        Files.writeString(options.out, table(results, options, Machine.describe(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    /** The results as the Markdown file in {@code bench/results/}. */
    static String table(List<Result> results, Options options, Machine machine, Instant date) {
        StringBuilder rows = new StringBuilder();
        StringBuilder ratios = new StringBuilder();
        for (Result r : results) {
            List<Latency> phases = List.of(r.empty(), r.deep(), r.emptyAgain());
            List<String> names = List.of("empty", "deep: " + r.customers() + " waiting", "empty again");
            for (int i = 0; i < phases.size(); i++) {
                Latency l = phases.get(i);
                rows.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s |%n",
                        r.topology(), names.get(i), r.agents(), l.probes(),
                        ms(l.offerP50Micros()), ms(l.offerP99Micros()), ms(l.offerMaxMicros()),
                        ms(l.statusP50Micros()), ms(l.statusP99Micros())));
            }
            ratios.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d | %.1f s | %s |%n", r.topology(),
                    r.p50Ratio(), r.p99Ratio(), r.queuedDeep(), r.fillSeconds(), r.loadAverage()));
        }
        return """
                # Pairing latency (customer `queue.join` → agent offered)

                From a customer's `queue.join` to the `offer` arriving at the agent it rings, through the real
                signaling server and protocol: agents sign in (`POST /api/auth/login`) and declare their
                presence on `/ws`; customers enter through the help page (`POST /api/entry/help`) and join the
                queue with the token it gives. %d agents are signed in, %d of them idle and speaking only the
                probe language; the others are `busy` and speak two of the %d languages the waiting customers
                ask for (and the probe language). Each probe customer joins, an idle agent is offered it, the
                customer leaves and the agent is idle again; %d probes per queue state (after as many
                warm-up probes), %d ms apart. "empty": before any customer waits; "deep": with %d customers
                waiting that nobody available can take; "empty again": after they all left (`queue.leave`),
                on the same warm servers; all in the same run. On two nodes the probe customers are
                on node A and the idle agents on node B (every offer crosses Redis pub/sub), busy agents and
                waiting customers on both; the nodes share one `redis-server` on loopback without persistence.
                Servers and clients run in one JVM on loopback and share its clock, so the load generator
                competes with the servers for the same cores. "status" is the joining customer's own
                `queue.status` reply.

                | machine | date | commit |
                |---|---|---|
                | %d cores, %s, %s, %s | %s | %s |

                | topology | queue | agents | probes | offer p50 | offer p99 | offer max | status p50 | status p99 |
                |---|---|---|---|---|---|---|---|---|
                %s
                Ratios against the baseline of the same run, the mean of the two empty phases (near 1: the
                queue's depth costs nothing):

                | topology | offer p50 deep ÷ empty | offer p99 deep ÷ empty | waiting during the deep probes | filling the queue took | load average (1 min) during them |
                |---|---|---|---|---|---|
                %s
                Run: `scripts/bench.sh --pairing` (or `--pairing --customers 5000 --agents 500 --probes 300`).
                """.formatted(options.agents, options.idleAgents, QUEUE_LANGUAGES.size(), options.probes,
                options.pause.toMillis(), options.customers, machine.cores(), machine.cpuModel(), machine.jdk(),
                machine.os(), date, machine.commit(), rows, ratios);
    }

    private PairingBench() {
    }

    static {
        // keep the servers' per-join log lines out of the way of the measurement's output
        if (System.getProperty("org.slf4j.simpleLogger.log.org.remotesupport") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.remotesupport", "warn");
        }
    }
}
