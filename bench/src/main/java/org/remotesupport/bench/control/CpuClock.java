package org.remotesupport.bench.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and UDP drops as Linux accounts them: a process's user plus system time from {@code /proc/<pid>/stat}
 * (all its threads, in clock ticks) and the whole machine's busy and total time from
 * {@code /proc/stat}. Stateless; readings are compared in pairs.
 */
public final class CpuClock {

    /** USER_HZ: the unit of /proc times; 100 on every Linux architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuClock() {
    }

    /** User plus system CPU time of a process, all threads, in nanoseconds. */
    public static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in field 2 may contain spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** UDP datagrams dropped machine-wide because a socket's receive buffer was full (RcvbufErrors in /proc/net/snmp). */
    public static long udpReceiveBufferErrors() {
        try {
            java.util.List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    java.util.List<String> names = java.util.List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    return Long.parseLong(values[names.indexOf("RcvbufErrors")]);
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Machine-wide {busy, total} CPU time over all cores, in ticks. */
    public static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }
}
