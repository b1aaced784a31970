package org.remotesupport.bench.janus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loopback-range addresses for Janus's media. Janus never gathers ICE candidates on a loopback
 * interface (its ice.c skips IFF_LOOPBACK), and without one it falls back to every other interface
 * of the host; so the benchmark puts 127.100.N.1/32 for Janus and 127.100.N.2/32 for the load
 * endpoints on a veth link of its own, N and the link's name taken from the process id so that two
 * runs on one machine (a developer's and a test run) keep out of each other's way. libnice pins its sockets to that interface
 * (IP_UNICAST_IF), so the clients must live there too; the kernel still delivers between local
 * addresses over loopback, and 127/8 is never routed off the machine. Made with iproute2 (needs
 * root) and removed again when Janus stops. Used from the benchmark's main thread.
 */
final class JanusAddress implements AutoCloseable {

    private final String address;
    private final String client;
    private final String link;
    private final String peer;

    private boolean created;

    JanusAddress(long pid) {
        int n = (int) (pid % 250) + 1;
        this.address = "127.100." + n + ".1";
        this.client = "127.100." + n + ".2";
        this.link = "rsb" + (pid % 100_000) + "a";
        this.peer = "rsb" + (pid % 100_000) + "b";
    }

    /** Janus's media address. */
    String address() {
        return address;
    }

    /** The address the load endpoints that talk to Janus bind to. */
    String client() {
        return client;
    }

    /** Makes the address if it is not there yet. */
    void create() throws IOException, InterruptedException {
        if (run(List.of("ip", "link", "show", link), false)) {
            return;
        }
        run(List.of("ip", "link", "add", link, "type", "veth", "peer", "name", peer), true);
        created = true;
        run(List.of("ip", "link", "set", peer, "up"), true);
        run(List.of("ip", "link", "set", link, "up"), true);
        run(List.of("ip", "addr", "add", address + "/32", "dev", link), true);
        run(List.of("ip", "addr", "add", client + "/32", "dev", link), true);
    }

    @Override
    public void close() {
        if (created) {
            try {
                run(List.of("ip", "link", "del", link), false);
            } catch (IOException e) {
                // nothing else to do; the next run finds the link and reuses it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean run(List<String> command, boolean required) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        boolean ok = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        if (!ok && required) {
            throw new IOException(String.join(" ", command) + " failed (root is needed): " + out);
        }
        return ok;
    }
}
