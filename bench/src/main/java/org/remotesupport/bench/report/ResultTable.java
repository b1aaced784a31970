package org.remotesupport.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.remotesupport.bench.BenchMain;
import org.remotesupport.bench.StepResult;
import org.remotesupport.bench.SystemResult;
import org.remotesupport.bench.load.Traffic;

/**
 * Writes one run as Markdown: the machine and the scenario, a comparison table per K (our relay
 * against Janus and the floor, with ratios), each system's steps in full, and the JMH results when
 * there are any. Stateless.
 */
public final class ResultTable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ResultTable() {
    }

    public static String fileName(Instant started) {
        return FILE_TIME.format(started) + ".md";
    }

    public static String write(Machine machine, Instant started, Duration took, Traffic traffic,
                               BenchMain.Options options, List<SystemResult> results, String profile) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Relay benchmark: ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append("\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores | ").append(machine.cores()).append(" |\n");
        md.append("| CPU | ").append(machine.cpuModel()).append(" |\n");
        md.append("| JDK | ").append(machine.jdk()).append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| commit | ").append(machine.commit()).append(" |\n");
        md.append("| run took | ").append(took.toSeconds()).append(" s |\n\n");
        md.append("Scenario: K concurrent 1:1 support sessions. Per session the customer sends video (")
                .append(traffic.videoBitsPerSecond() / 1000).append(" kbit/s as ").append(traffic.packetsPerFrame())
                .append(" × ").append(traffic.videoPayloadBytes()).append("-byte packets per frame at ")
                .append(traffic.framesPerSecond()).append(" fps) and audio (50 pkt/s); the agent sends audio (50 pkt/s); ")
                .append("everyone sends RTCP sender reports once a second. Each packet is forwarded to the one other participant: ")
                .append(traffic.packetsPerSessionSecond()).append(" forwarded RTP packets/s per session. Window ")
                .append(options.window.toSeconds()).append(" s after ").append(options.warmup.toSeconds())
                .append(" s of warm-up per step. CPU is the forwarder process's user+system time from /proc over the window; ")
                .append("transit is from the sender's timestamp (in the payload) to the receiver's socket read, both on this machine, ")
                .append("so it includes the loopback stack and the load generator's own scheduling.\n\n");
        md.append("| system | what ran | SRTP |\n|---|---|---|\n");
        for (SystemResult result : results) {
            md.append("| ").append(result.name()).append(" | ").append(result.description()).append(" | ")
                    .append(result.srtpProfile()).append(" |\n");
        }
        md.append('\n');
        comparison(md, results);
        recordingCost(md, results);
        for (SystemResult result : results) {
            steps(md, result);
        }
        if (options.jmh != null && Files.exists(options.jmh)) {
            md.append("## JMH: relay hot path\n\n");
            md.append("`SrtpBenchmark.encryptDecryptEncrypt` minus `encrypt` is the relay's SRTP work per forwarded packet; ")
                    .append("`ForwardBenchmark.forwardVideoPacket` minus `publisherEncryptOnly` is its whole per-packet path ")
                    .append("in process (no socket); `gc.alloc.rate.norm` is bytes allocated per operation.\n\n```\n");
            Files.readAllLines(options.jmh).stream()
                    .filter(l -> !l.contains(":gc.count") && !l.contains(":gc.time") && !l.contains(":gc.alloc.rate "))
                    .forEach(l -> md.append(l).append('\n'));
            md.append("```\n\n");
        }
        if (profile != null) {
            md.append("## Profile of our relay\n\n").append(profile).append('\n');
        }
        return md.toString();
    }

    private static final String README_START = "<!-- bench:start -->";
    private static final String README_END = "<!-- bench:end -->";

    /** Replaces the README's benchmark block (between its markers) with this run's comparison. */
    public static void updateReadme(java.nio.file.Path readme, java.nio.file.Path file, String table) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf(README_START);
        int end = text.indexOf(README_END);
        if (start < 0 || end < start) {
            return;
        }
        int from = table.indexOf("## Same load, side by side");
        int to = table.indexOf("\n## ", from + 1);
        String comparison = table.substring(from, to < 0 ? table.length() : to).replaceFirst("## Same load, side by side\n\n", "");
        String header = table.substring(0, table.indexOf("Scenario:")).replaceFirst("# Relay benchmark: ", "Latest run: ");
        String block = README_START + "\n" + header.replace("| machine | |", "| | |") + comparison.strip()
                + "\n\nFull results: [" + file.getFileName() + "](bench/results/" + file.getFileName() + ")\n" + README_END;
        Files.writeString(readme, text.substring(0, start) + block + text.substring(end + README_END.length()));
    }

    private static void comparison(StringBuilder md, List<SystemResult> results) {
        SystemResult ours = find(results, "our relay");
        SystemResult janus = find(results, "Janus");
        SystemResult floor = find(results, "floor");
        TreeSet<Integer> ks = new TreeSet<>();
        results.forEach(r -> r.steps().forEach(s -> ks.add(s.sessions())));
        md.append("## Same load, side by side\n\n");
        md.append("CPU µs per forwarded packet, transit p50 / p99 (µs) and loss at each K; ratios are ours ÷ theirs (below 1 is better for us).\n\n");
        md.append("| K | offered pkt/s | our relay µs/pkt | Janus µs/pkt | floor µs/pkt | ours÷Janus | ours÷floor | our p50/p99 | Janus p50/p99 | floor p50/p99 | loss ours / Janus / floor |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int k : ks) {
            StepResult o = ours == null ? null : ours.step(k);
            StepResult j = janus == null ? null : janus.step(k);
            StepResult f = floor == null ? null : floor.step(k);
            StepResult any = o != null ? o : j != null ? j : f;
            if (any == null) {
                continue;
            }
            md.append("| ").append(k).append(" | ").append(fmt("%.0f", any.nominalPerSecond()))
                    .append(" | ").append(cpu(o)).append(" | ").append(cpu(j)).append(" | ").append(cpu(f))
                    .append(" | ").append(ratio(o, j)).append(" | ").append(ratio(o, f))
                    .append(" | ").append(transit(o)).append(" | ").append(transit(j)).append(" | ").append(transit(f))
                    .append(" | ").append(loss(o)).append(" / ").append(loss(j)).append(" / ").append(loss(f)).append(" |\n");
        }
        md.append('\n');
        md.append("| system | highest K measured | why the ramp stopped |\n|---|---:|---|\n");
        for (SystemResult result : results) {
            StepResult last = result.steps().isEmpty() ? null : result.steps().get(result.steps().size() - 1);
            String why = result.error() != null ? "error: " + result.error()
                    : last == null ? "no step" : last.stopReason() == null ? "all steps passed" : last.stopReason();
            md.append("| ").append(result.name()).append(" | ").append(last == null ? "–" : last.sessions())
                    .append(" | ").append(why.replace('|', '/')).append(" |\n");
        }
        md.append('\n');
    }

    /** Recording on against off, when both ran: what the recording tap costs per forwarded packet. */
    private static void recordingCost(StringBuilder md, List<SystemResult> results) {
        SystemResult off = find(results, "our relay");
        SystemResult on = find(results, org.remotesupport.bench.relay.RelayUnderTest.RECORDING);
        if (off == null || on == null) {
            return;
        }
        TreeSet<Integer> ks = new TreeSet<>();
        on.steps().forEach(s -> ks.add(s.sessions()));
        md.append("## Recording on against off\n\n");
        md.append("Our relay with every session recorded (the recording tap copies each packet to a recording thread ")
                .append("that writes WebM files, in the same process) against our relay without recording, at the same K ")
                .append("in the same run. CPU is the whole process's, recording thread included.\n\n");
        md.append("| K | off µs/pkt | on µs/pkt | on÷off | off p50/p99 | on p50/p99 | loss off / on |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int k : ks) {
            StepResult o = off.step(k);
            StepResult r = on.step(k);
            md.append("| ").append(k).append(" | ").append(cpu(o)).append(" | ").append(cpu(r))
                    .append(" | ").append(ratio(r, o)).append(" | ").append(transit(o)).append(" | ").append(transit(r))
                    .append(" | ").append(loss(o)).append(" / ").append(loss(r)).append(" |\n");
        }
        md.append('\n');
    }

    private static void steps(StringBuilder md, SystemResult result) {
        md.append("## ").append(result.name()).append("\n\n");
        md.append("| K | nominal pkt/s | sent pkt/s | fwd pkt/s | forwarder CPU (cores) | µs/pkt | pkt/s per core | loss | p50 µs | p99 µs | max µs | UDP buffer drops | machine busy | load gen CPU | setup s |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult s : result.steps()) {
            md.append("| ").append(s.sessions())
                    .append(" | ").append(fmt("%.0f", s.nominalPerSecond()))
                    .append(" | ").append(fmt("%.0f", s.sentPerSecond()))
                    .append(" | ").append(fmt("%.0f", s.forwardedPerSecond()))
                    .append(" | ").append(fmt("%.3f", s.cpuCores()))
                    .append(" | ").append(fmt("%.2f", s.cpuMicrosPerPacket()))
                    .append(" | ").append(fmt("%.0f", s.packetsPerCoreSecond()))
                    .append(" | ").append(fmt("%.3f%%", s.loss() * 100))
                    .append(" | ").append(fmt("%.0f", s.p50Micros()))
                    .append(" | ").append(fmt("%.0f", s.p99Micros()))
                    .append(" | ").append(fmt("%.0f", s.maxMicros()))
                    .append(" | ").append(s.udpDrops())
                    .append(" | ").append(fmt("%.0f%%", s.machineBusy() * 100))
                    .append(" | ").append(fmt("%.2f", s.loadCpuCores()))
                    .append(" | ").append(fmt("%.1f", s.setupSeconds()))
                    .append(" |\n");
        }
        if (result.error() != null) {
            md.append("\nError: ").append(result.error()).append('\n');
        }
        if (!result.counters().isEmpty()) {
            md.append("\nForwarder's own counters at the end: ");
            md.append(String.join(", ", result.counters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
            md.append('\n');
        }
        md.append('\n');
    }

    private static SystemResult find(List<SystemResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static String cpu(StepResult s) {
        return s == null ? "–" : fmt("%.2f", s.cpuMicrosPerPacket());
    }

    private static String transit(StepResult s) {
        return s == null ? "–" : fmt("%.0f", s.p50Micros()) + " / " + fmt("%.0f", s.p99Micros());
    }

    private static String loss(StepResult s) {
        return s == null ? "–" : fmt("%.2f%%", s.loss() * 100);
    }

    private static String ratio(StepResult ours, StepResult other) {
        if (ours == null || other == null) {
            return "–";
        }
        return fmt("%.2f", ours.cpuMicrosPerPacket() / other.cpuMicrosPerPacket());
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
