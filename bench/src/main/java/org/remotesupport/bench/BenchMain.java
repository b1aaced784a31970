package org.remotesupport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.remotesupport.bench.floor.FloorUnderTest;
import org.remotesupport.bench.janus.JanusUnderTest;
import org.remotesupport.bench.load.Traffic;
import org.remotesupport.bench.relay.RelayUnderTest;
import org.remotesupport.bench.report.Machine;
import org.remotesupport.bench.report.ResultTable;
import org.remotesupport.media.srtp.SrtpProfile;

/**
 * Runs the three-way comparison from the command line (what {@code scripts/bench.sh} calls): the
 * support-session scenario against our relay, Janus and the floor, one after the other, and writes
 * the Markdown table. Options: {@code --steps 10,25,50} {@code --warmup S} {@code --window S}
 * {@code --systems relay,janus,floor} {@code --out DIR} {@code --work DIR} {@code --profile}
 * (Flight Recorder on our relay) {@code --jmh FILE} (a JMH result to include). Runs on the main thread.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Run run = run(options);
        System.out.println(run.table());
    }

    /** What a run measured and where its table went. */
    public record Run(Path table, List<SystemResult> results) {
    }

    /** Runs the comparison as {@code options} say and writes its table. */
    public static Run run(Options options) throws Exception {
        Files.createDirectories(options.work);
        Files.createDirectories(options.out);
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"));
        ScenarioRunner runner = new ScenarioRunner(new ScenarioRunner.Settings(options.steps, options.warmup,
                options.window, Duration.ofMillis(500), 0.01, 0.9, 2, SrtpProfile.values()), Traffic.supportSession());
        Instant started = Instant.now();
        List<SystemResult> results = new ArrayList<>();
        Path jfr = options.profile ? options.work.resolve("relay.jfr") : null;
        for (String system : options.systems) {
            SystemUnderTest sut = switch (system) {
                case "relay" -> new RelayUnderTest(java, jfr);
                case "janus" -> new JanusUnderTest(options.work.resolve("janus"));
                case "floor" -> new FloorUnderTest(java);
                default -> throw new IllegalArgumentException("unknown system " + system);
            };
            results.add(runner.run(sut, options.work));
        }
        Duration took = Duration.between(started, Instant.now());
        String table = ResultTable.write(Machine.describe(), started, took, Traffic.supportSession(), options, results);
        Path file = options.out.resolve(ResultTable.fileName(started));
        Files.writeString(file, table);
        return new Run(file, List.copyOf(results));
    }

    /** Command-line options with the defaults of a full run. */
    public static final class Options {
        public List<Integer> steps = List.of(10, 25, 50, 100, 150, 200, 300);
        public Duration warmup = Duration.ofSeconds(3);
        public Duration window = Duration.ofSeconds(6);
        public List<String> systems = List.of("relay", "janus", "floor");
        public Path out = Path.of("bench", "results");
        public Path work = Path.of("bench", "target", "bench-work");
        public boolean profile;
        public Path jmh;

        public static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--steps" -> o.steps = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                    case "--warmup" -> o.warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--window" -> o.window = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--systems" -> o.systems = List.of(value.split(","));
                    case "--out" -> o.out = Path.of(value);
                    case "--work" -> o.work = Path.of(value);
                    case "--jmh" -> o.jmh = Path.of(value);
                    case "--profile" -> {
                        o.profile = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return o;
        }
    }
}
