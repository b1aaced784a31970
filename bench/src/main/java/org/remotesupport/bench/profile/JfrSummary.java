package org.remotesupport.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a Flight Recorder file of the relay and writes what its packet thread spent time on, as
 * Markdown: the hottest methods by own samples and by samples under them, the allocation by class
 * and by the relay frame that allocated, and the lock and socket events. The JDK 17 {@code jfr} tool
 * only prints raw events, hence this summary. Stateless; {@link #main} takes the file and an
 * optional thread-name prefix (default {@code relay-io}).
 */
public final class JfrSummary {

    private static final int TOP = 15;
    /** The stages of the relay's packet path, for a table of where the packet thread's time goes. */
    private static final List<String> STAGES = List.of(
            "EpollDatagramChannel.recvmsg", "MediaRelay$RelayChannelHandler.channelRead0", "RelayCore.onDatagram",
            "RelayCore.onRtp", "RelayCore.keyedSender", "SrtpTransformer.unprotectRtp", "ReceiveStatistics.onPacket",
            "PacketCache.put", "RelayCore.protectAndQueue", "SrtpTransformer.protectRtp", "MediaRelay$ChannelOutput.write",
            "RelayCore.onRtcp", "RelayCore.onStun", "AbstractChannel$AbstractUnsafe.flush0", "EpollDatagramChannel.doWrite",
            "RelayCore.tick");

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(summarize(Path.of(args[0]), args.length > 1 ? args[1] : "relay-io"));
    }

    /** The summary of the recording's samples on threads whose name starts with {@code threadPrefix}. */
    public static String summarize(Path recording, String threadPrefix) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> allocatedByClass = new HashMap<>();
        Map<String, Long> allocatedBySite = new HashMap<>();
        Map<String, Long> locks = new HashMap<>();
        Map<String, Long> selfStacks = new HashMap<>();
        Map<String, Long> allocationStacks = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        long socketReads = 0;
        long socketWrites = 0;
        Predicate<RecordedEvent> onThread = e -> {
            // execution samples name the sampled thread, other events the thread that emitted them
            RecordedThread thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
            String name = thread == null ? null : thread.getJavaName();
            return name != null && name.startsWith(threadPrefix);
        };
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (!onThread.test(event)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = stack.getFrames();
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    selfStacks.merge(chain(frames, 5), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String method = name(frame);
                        if (seen.add(method)) {
                            total.merge(method, 1L, Long::sum);
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocatedByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                    allocatedBySite.merge(site(stack), weight, Long::sum);
                    if (stack != null) {
                        allocationStacks.merge(chain(stack.getFrames(), 6), weight, Long::sum);
                    }
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> locks.merge(type + " at " + site(stack), 1L, Long::sum);
                case "jdk.SocketRead" -> socketReads++;
                case "jdk.SocketWrite" -> socketWrites++;
                default -> {
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("Samples on `").append(threadPrefix).append("` threads: ").append(samples).append(".\n\n");
        Map<String, Long> stages = new java.util.LinkedHashMap<>();
        for (String stage : STAGES) {
            stages.put(stage, total.getOrDefault(stage, 0L));
        }
        md.append("**Where the packet thread's time goes (samples under each stage, in path order)**\n\n| stage | % |\n|---|---:|\n");
        for (Map.Entry<String, Long> stage : stages.entrySet()) {
            md.append("| `").append(stage.getKey()).append("` | ").append(String.format(Locale.ROOT, "%.1f",
                    samples == 0 ? 0 : 100.0 * stage.getValue() / samples)).append(" |\n");
        }
        md.append('\n');
        table(md, "Hottest methods, own time", "method", self, samples, "%");
        table(md, "Hottest methods, including callees", "method", total, samples, "%");
        md.append("Allocation sampled on those threads: ").append(String.format(Locale.ROOT, "%.1f MB", allocated / 1e6))
                .append(" over the recording.\n\n");
        table(md, "Allocation by class", "class", allocatedByClass, allocated, "%");
        table(md, "Allocation by allocating frame (first relay or Netty frame)", "site", allocatedBySite, allocated, "%");
        table(md, "Hottest stacks, own time (innermost frame first)", "stack", selfStacks, samples, "%");
        table(md, "Allocation by stack (innermost frame first)", "stack", allocationStacks, allocated, "%");
        if (!locks.isEmpty()) {
            table(md, "Blocking (monitor enter, park) on those threads", "where", locks, -1, "count");
        }
        if (socketReads + socketWrites > 0) {
            md.append("Socket events over the threshold: ").append(socketReads).append(" reads, ").append(socketWrites)
                    .append(" writes.\n\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, String what, Map<String, Long> counts, long whole, String unit) {
        md.append("**").append(title).append("**\n\n| ").append(what).append(" | ").append(unit).append(" |\n|---|---:|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> md.append("| `").append(e.getKey().replace('|', '/')).append("` | ")
                        .append(whole > 0 ? String.format(Locale.ROOT, "%.1f", 100.0 * e.getValue() / whole)
                                : e.getValue().toString())
                        .append(" |\n"));
        md.append('\n');
    }

    /** The innermost {@code depth} frames, innermost first, as "a < b < c". */
    private static String chain(List<RecordedFrame> frames, int depth) {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < Math.min(depth, frames.size()); i++) {
            if (i > 0) {
                chain.append(" < ");
            }
            chain.append(name(frames.get(i))).append(':').append(frames.get(i).getLineNumber());
        }
        return chain.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName().replaceFirst("^.*\\.", "") + "." + frame.getMethod().getName();
    }

    /** The first frame from our code or Netty, so that allocations inside libraries are charged to their caller. */
    private static String site(RecordedStackTrace stack) {
        if (stack == null) {
            return "(no stack)";
        }
        String top = null;
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (top == null) {
                top = name(frame);
            }
            if (type.startsWith("org.remotesupport.") || type.startsWith("io.netty.")) {
                return name(frame) + ":" + frame.getLineNumber() + (top.equals(name(frame)) ? "" : " (in " + top + ")");
            }
        }
        return top == null ? "(no frames)" : top;
    }

    /** Whether a recording exists and has data. */
    public static boolean present(Path recording) {
        try {
            return recording != null && Files.size(recording) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
