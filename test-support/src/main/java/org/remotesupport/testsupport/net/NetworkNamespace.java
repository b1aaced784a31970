package org.remotesupport.testsupport.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to the host by a veth pair, for tests that need a client behind a
 * real, impaired link: the host end gets {@code 198.18.N.1/30}, the namespace end
 * {@code 198.18.N.2/30} (RFC 2544's benchmarking block, never routed off a machine), N and the
 * names taken from the process id and a per-process counter so that parallel runs do not collide.
 * A process started with {@link #command} runs inside the namespace and reaches the host only
 * through the veth, so queueing disciplines on the namespace end shape its uplink and on the host
 * end its downlink. Made with iproute2 (needs root); {@link #close} removes the namespace and with
 * it both ends of the link. Methods may be called from any thread; they block while {@code ip}/{@code tc} run.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    private static final String LOSS_TABLE = "rsloss";

    private final String name;
    private final String hostLink;
    private final String namespaceLink;
    private final String hostAddress;
    private final String namespaceAddress;
    private String secondHostLink;
    private boolean closed;

    private NetworkNamespace(String name, String hostLink, String namespaceLink, String hostAddress,
                             String namespaceAddress) {
        this.name = name;
        this.hostLink = hostLink;
        this.namespaceLink = namespaceLink;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /**
     * Creates the namespace and its link, both up, with no shaping.
     *
     * @throws IOException when iproute2 is missing or refuses (the message says which command)
     */
    public static NetworkNamespace create() throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        int index = COUNTER.getAndIncrement();
        int subnet = (int) ((pid * 7 + index) % 250) + 1;
        String tag = (pid % 100_000) + "n" + index;
        NetworkNamespace ns = new NetworkNamespace("rsn" + tag, "rsn" + tag + "h", "rsn" + tag + "c",
                "198.18." + subnet + ".1", "198.18." + subnet + ".2");
        // a namespace left behind by a killed run of the same pid would make every step below fail
        run(List.of("ip", "netns", "del", ns.name), false);
        try {
            run(List.of("ip", "netns", "add", ns.name), true);
            run(List.of("ip", "link", "add", ns.hostLink, "type", "veth", "peer", "name", ns.namespaceLink), true);
            run(List.of("ip", "link", "set", ns.namespaceLink, "netns", ns.name), true);
            run(List.of("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostLink), true);
            run(List.of("ip", "link", "set", ns.hostLink, "up"), true);
            run(List.of("ip", "-n", ns.name, "addr", "add", ns.namespaceAddress + "/30", "dev", ns.namespaceLink), true);
            run(List.of("ip", "-n", ns.name, "link", "set", ns.namespaceLink, "up"), true);
            run(List.of("ip", "-n", ns.name, "link", "set", "lo", "up"), true);
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's name, for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** The host's address on the link: what a process in the namespace connects to. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The namespace's address on the link. */
    public String namespaceAddress() {
        return namespaceAddress;
    }

    /** {@code command} prefixed so that it runs inside the namespace. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /**
     * Caps what leaves the namespace (its uplink) at {@code kilobitsPerSecond} with a token bucket
     * (tbf): a 16 kB burst and at most {@code queueMillis} of queue, beyond which packets are
     * dropped, as on a congested mobile uplink. Replaces any earlier shaping.
     */
    public void limitUplink(int kilobitsPerSecond, int queueMillis) throws IOException, InterruptedException {
        run(command(List.of("tc", "qdisc", "replace", "dev", namespaceLink, "root", "tbf",
                "rate", kilobitsPerSecond + "kbit", "burst", "16kb", "latency", queueMillis + "ms")), true);
    }

    /** Caps what enters the namespace (its downlink) in the same way as {@link #limitUplink}. */
    public void limitDownlink(int kilobitsPerSecond, int queueMillis) throws IOException, InterruptedException {
        run(List.of("tc", "qdisc", "replace", "dev", hostLink, "root", "tbf",
                "rate", kilobitsPerSecond + "kbit", "burst", "16kb", "latency", queueMillis + "ms"), true);
    }

    /**
     * Brings up a second link into the namespace, as a phone's mobile data next to its Wi-Fi: another
     * veth pair with its own {@code 198.18.M.0/30}, and a default route through it. Traffic to
     * {@link #hostAddress()} still takes the first link (its route is more specific) until
     * {@link #dropFirstLink()}; the host end of the first link keeps its address, so the host stays
     * reachable at {@link #hostAddress()} through either link.
     *
     * @return the namespace's address on the second link
     */
    public synchronized String addSecondLink() throws IOException, InterruptedException {
        if (secondHostLink != null) {
            throw new IllegalStateException("the namespace has a second link already");
        }
        long pid = ProcessHandle.current().pid();
        int subnet = (int) ((pid * 7 + COUNTER.getAndIncrement()) % 250) + 1;
        String hostEnd = hostLink.substring(0, hostLink.length() - 1) + "H";
        String namespaceEnd = namespaceLink.substring(0, namespaceLink.length() - 1) + "C";
        String hostSide = "198.18." + subnet + ".1";
        String namespaceSide = "198.18." + subnet + ".2";
        run(List.of("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", namespaceEnd), true);
        secondHostLink = hostEnd;
        run(List.of("ip", "link", "set", namespaceEnd, "netns", name), true);
        run(List.of("ip", "addr", "add", hostSide + "/30", "dev", hostEnd), true);
        run(List.of("ip", "link", "set", hostEnd, "up"), true);
        run(List.of("ip", "-n", name, "addr", "add", namespaceSide + "/30", "dev", namespaceEnd), true);
        run(List.of("ip", "-n", name, "link", "set", namespaceEnd, "up"), true);
        run(List.of("ip", "-n", name, "route", "add", "default", "via", hostSide, "dev", namespaceEnd), true);
        return namespaceSide;
    }

    /**
     * Takes the namespace's address off the first link, as a phone that walked out of its Wi-Fi:
     * sockets bound to {@link #namespaceAddress()} stop working and traffic to the host goes through
     * the second link (see {@link #addSecondLink()}) from its address.
     */
    public void dropFirstLink() throws IOException, InterruptedException {
        run(List.of("ip", "-n", name, "addr", "del", namespaceAddress + "/30", "dev", namespaceLink), true);
    }

    /**
     * Drops {@code percent} % of the UDP datagrams that leave the namespace (its uplink), at random,
     * as a lossy radio link does; TCP (signaling, uploads) is left alone so that only the media
     * suffers. This kernel's tc has no netem, so the drop is an nftables rule in the namespace
     * ({@code numgen random}) on the egress hook of its end of the link: there a dropped datagram
     * is lost silently, as on a network (a drop on the output hook would fail the sender's
     * {@code sendto} with EPERM, which a WebRTC stack simply retries). Needs the nftables package.
     * Replaces an earlier loss.
     */
    public void dropUplinkUdp(int percent) throws IOException, InterruptedException {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100: " + percent);
        }
        clearLoss();
        run(command(List.of("nft", "add", "table", "netdev", LOSS_TABLE)), true);
        run(command(List.of("nft", "add", "chain", "netdev", LOSS_TABLE, "out",
                "{ type filter hook egress device " + namespaceLink + " priority 0; }")), true);
        run(command(List.of("nft", "add", "rule", "netdev", LOSS_TABLE, "out", "meta", "l4proto", "udp",
                "numgen", "random", "mod", "100", "<", String.valueOf(percent), "drop")), true);
    }

    /** Removes the loss of {@link #dropUplinkUdp}; nothing happens when there is none. */
    public void clearLoss() throws IOException, InterruptedException {
        run(command(List.of("nft", "delete", "table", "netdev", LOSS_TABLE)), false);
    }

    /** Removes all shaping from both directions. */
    public void clearLimits() throws IOException, InterruptedException {
        run(command(List.of("tc", "qdisc", "del", "dev", namespaceLink, "root")), false);
        run(List.of("tc", "qdisc", "del", "dev", hostLink, "root"), false);
    }

    /** Removes the namespace and its link. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run(List.of("ip", "netns", "del", name), false);
            run(List.of("ip", "link", "del", hostLink), false);
            if (secondHostLink != null) {
                run(List.of("ip", "link", "del", secondHostLink), false);
            }
        } catch (IOException e) {
            // nothing else to do: the names carry the pid, so a later run does not reuse them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NetworkNamespace[" + name + " " + namespaceAddress + " <-> " + hostAddress + "]";
    }

    private static boolean run(List<String> command, boolean required) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ok = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        if (!ok && required) {
            throw new IOException(String.join(" ", command) + " failed (iproute2 and root are needed): " + out);
        }
        return ok;
    }
}
