package org.remotesupport.bench.floor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.remotesupport.bench.SystemUnderTest;
import org.remotesupport.bench.control.ChildProcess;
import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.LoadGenerator;

/**
 * The floor under test: {@link UdpForwarderMain} in a JVM of its own with the same heap settings as
 * our relay; sessions are two plain-RTP endpoints joined to the forwarder's table. Called from the
 * benchmark's setup threads.
 */
public final class FloorUnderTest implements SystemUnderTest {

    private final List<String> javaCommand;
    private ChildProcess process;
    private InetSocketAddress address;

    public FloorUnderTest(List<String> javaCommand) {
        this.javaCommand = List.copyOf(javaCommand);
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public String description() {
        return "plain UDP forwarder, no ICE/DTLS/SRTP (Java, Netty epoll, one event loop, zero-copy), own JVM";
    }

    @Override
    public void start(Path workDir) throws Exception {
        List<String> command = new ArrayList<>(javaCommand.subList(0, 1));
        command.add("-Xms512m");
        command.add("-Xmx512m");
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        command.add(UdpForwarderMain.class.getName());
        process = new ChildProcess(command, workDir.resolve("floor.log"));
        JsonNode ready = process.awaitReady(Duration.ofSeconds(30));
        address = new InetSocketAddress("127.0.0.1", ready.path("port").asInt());
    }

    @Override
    public int forwardingThreads() {
        return 1;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public List<LoadEndpoint> addSession(int index, LoadGenerator generator) throws Exception {
        String session = "s" + index;
        LoadEndpoint agent = generator.newEndpoint(session + "-agent", false, true, false);
        LoadEndpoint customer = generator.newEndpoint(session + "-customer", false, true, true);
        for (LoadEndpoint endpoint : List.of(agent, customer)) {
            ObjectNode join = process.object();
            join.put("op", "join");
            join.put("session", session);
            join.put("address", "127.0.0.1:" + endpoint.localAddress().getPort());
            process.call(join);
            endpoint.remote(address, null, null, null, true);
        }
        return List.of(agent, customer);
    }

    @Override
    public Map<String, Long> counters() throws Exception {
        ObjectNode command = process.object();
        command.put("op", "stats");
        return Map.of("forwarded datagrams", process.call(command).path("forwarded").asLong());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
