package org.remotesupport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.remotesupport.bench.floor.FloorUnderTest;
import org.remotesupport.bench.janus.JanusUnderTest;
import org.remotesupport.bench.load.Traffic;
import org.remotesupport.bench.profile.JfrSummary;
import org.remotesupport.bench.relay.RelayUnderTest;
import org.remotesupport.bench.report.Machine;
import org.remotesupport.bench.report.ResultTable;
import org.remotesupport.media.srtp.SrtpProfile;

/**
 * Runs the three-way comparison from the command line (what {@code scripts/bench.sh} calls): the
 * support-session scenario against our relay, Janus and the floor, one after the other, and writes
 * the Markdown table. Options: {@code --steps 10,25,50} {@code --warmup S} {@code --window S}
 * {@code --systems relay,janus,floor} (and {@code relay-recording}: our relay recording every session) {@code --recording-cost} (only our relay
 * with recording off and on, every K measured on both) {@code --out DIR} {@code --work DIR} {@code --profile}
 * (an extra run of our relay under Flight Recorder, summarised) {@code --jmh FILE} (a JMH result to
 * include) {@code --readme FILE} (put the comparison into the README). Runs on the main thread.
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
        if (options.recordingCost) {
            options.systems = List.of("relay", "relay-recording");
        }
        // the recording comparison measures every K on both, whatever a busy machine does to loss or rates
        ScenarioRunner runner = new ScenarioRunner(new ScenarioRunner.Settings(options.steps, options.warmup,
                options.window, Duration.ofMillis(500), options.recordingCost ? 1.0 : 0.01,
                options.recordingCost ? 10 : 0.9, 2, SrtpProfile.values()), Traffic.supportSession());
        Instant started = Instant.now();
        List<SystemUnderTest> systems = new ArrayList<>();
        for (String system : options.systems) {
            systems.add(switch (system) {
                case "relay" -> new RelayUnderTest(java, null);
                case "relay-recording" -> new RelayUnderTest(java, null, options.work.resolve("recordings"));
                case "janus" -> new JanusUnderTest(options.work.resolve("janus"));
                case "floor" -> new FloorUnderTest(java);
                default -> throw new IllegalArgumentException("unknown system " + system);
            });
        }
        List<SystemResult> results = runner.run(systems, options.work);
        String profile = options.profile ? profileRelay(options, java, results) : null;
        Duration took = Duration.between(started, Instant.now());
        String table = ResultTable.write(Machine.describe(), started, took, Traffic.supportSession(), options, results,
                profile);
        Path file = options.out.resolve(ResultTable.fileName(started));
        Files.writeString(file, table);
        if (options.readme != null) {
            ResultTable.updateReadme(options.readme, file, table);
        }
        return new Run(file, List.copyOf(results));
    }

    /**
     * Runs our relay once more under Flight Recorder, at the highest load it carried in the
     * comparison (between 50 and 100 sessions), and summarises the recording. A run of its own, so that the
     * recorder's own cost stays out of the compared numbers.
     */
    private static String profileRelay(Options options, List<String> java, List<SystemResult> results) throws Exception {
        SystemResult ours = results.stream().filter(r -> r.name().equals("our relay")).findFirst().orElse(null);
        int sessions = ours == null ? 50 : ours.steps().stream()
                .filter(s -> s.stopReason() == null).mapToInt(StepResult::sessions).max().orElse(25);
        // enough packets for a profile even when a busy machine cut the ramp short
        sessions = Math.max(50, Math.min(sessions, 100));
        Path jfr = options.work.resolve("relay.jfr");
        Files.deleteIfExists(jfr);
        ScenarioRunner runner = new ScenarioRunner(new ScenarioRunner.Settings(List.of(sessions), options.warmup,
                Duration.ofSeconds(10), Duration.ofMillis(500), 1.0, 10, 2, SrtpProfile.values()), Traffic.supportSession());
        SystemResult profiled = runner.run(new RelayUnderTest(java, jfr), options.work);
        if (!JfrSummary.present(jfr)) {
            return "No recording was written" + (profiled.error() == null ? "." : ": " + profiled.error());
        }
        StepResult step = profiled.steps().isEmpty() ? null : profiled.steps().get(0);
        return "Our relay under Flight Recorder (the JDK's profile settings, Java stacks every millisecond), "
                + "recording the 10 s window only, at K=" + sessions
                + (step == null ? "" : String.format(Locale.ROOT, " (%.0f pkt/s forwarded, %.2f µs/pkt with the recorder on)",
                step.forwardedPerSecond(), step.cpuMicrosPerPacket()))
                + ". Packet thread `relay-io`:\n\n" + JfrSummary.summarize(jfr, "relay-io");
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
        public boolean recordingCost;
        public Path jmh;
        public Path readme;

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
                    case "--readme" -> o.readme = Path.of(value);
                    case "--profile" -> {
                        o.profile = true;
                        continue;
                    }
                    case "--recording-cost" -> {
                        o.recordingCost = true;
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
