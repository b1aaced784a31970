package org.remotesupport.bench.janus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loopback-range addresses for Janus's media. Janus never gathers ICE candidates on a loopback
 * interface (its ice.c skips IFF_LOOPBACK), and without one it falls back to every other interface
 * of the host; so the benchmark puts {@value #ADDRESS}/32 for Janus and {@value #CLIENT}/32 for the
 * load endpoints on a veth link of its own. libnice pins its sockets to that interface
 * (IP_UNICAST_IF), so the clients must live there too; the kernel still delivers between local
 * addresses over loopback, and 127/8 is never routed off the machine. Made with iproute2 (needs
 * root) and removed again when Janus stops. Used from the benchmark's main thread.
 */
final class JanusAddress implements AutoCloseable {

    static final String ADDRESS = "127.100.0.1";
    static final String CLIENT = "127.100.0.2";
    private static final String LINK = "rsbench0";
    private static final String PEER = "rsbench1";

    private boolean created;

    /** Makes the address if it is not there yet. */
    void create() throws IOException, InterruptedException {
        if (run(List.of("ip", "link", "show", LINK), false)) {
            return;
        }
        run(List.of("ip", "link", "add", LINK, "type", "veth", "peer", "name", PEER), true);
        created = true;
        run(List.of("ip", "link", "set", PEER, "up"), true);
        run(List.of("ip", "link", "set", LINK, "up"), true);
        run(List.of("ip", "addr", "add", ADDRESS + "/32", "dev", LINK), true);
        run(List.of("ip", "addr", "add", CLIENT + "/32", "dev", LINK), true);
    }

    @Override
    public void close() {
        if (created) {
            try {
                run(List.of("ip", "link", "del", LINK), false);
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
