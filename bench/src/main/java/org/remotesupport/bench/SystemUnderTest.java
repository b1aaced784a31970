package org.remotesupport.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.LoadGenerator;

/**
 * A forwarder the benchmark measures: runs as a process of its own (so its CPU time can be read
 * from the OS) and sets up support sessions the way its own signaling does. {@link #addSession}
 * is called from several setup threads at once; the rest from the benchmark's main thread.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** A short name for tables: {@code our relay}, {@code Janus}, {@code floor}. */
    String name();

    /** What was measured, in a line: program, version, the settings that matter. */
    String description();

    /** Starts the process; {@code workDir} takes its logs and configuration. */
    void start(Path workDir) throws Exception;

    /** The process whose CPU time is measured. */
    long pid();

    /** Threads that forward media; the forwarder is saturated when its CPU nears this many cores. */
    int forwardingThreads();

    /**
     * Sets up support session {@code index} (unique in a run, never reused): creates the customer's and the agent's endpoints in the
     * generator, signals them and connects them; returns the endpoints whose media is to be started.
     */
    List<LoadEndpoint> addSession(int index, LoadGenerator generator) throws Exception;

    /** Called right before a measurement window opens, after the warm-up; nothing by default. */
    default void windowOpening() throws Exception {
    }

    /** Called right after a measurement window closed; nothing by default. */
    default void windowClosed() throws Exception {
    }

    /** The forwarder's own counters, for the report; empty when it has none to tell. */
    Map<String, Long> counters() throws Exception;

    @Override
    void close();
}
