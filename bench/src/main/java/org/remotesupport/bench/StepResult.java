package org.remotesupport.bench;

/**
 * What one load step measured for one system. Rates are per second of the measurement window;
 * CPU is the system's process CPU time over the window (all threads, from {@code /proc}). Immutable.
 *
 * @param sessions         concurrent support sessions K
 * @param nominalPerSecond RTP packets per second the scenario sends for K sessions
 * @param sentPerSecond    RTP packets per second the load generator actually sent
 * @param forwardedPerSecond RTP packets per second that arrived through the forwarder
 * @param cpuCores         the forwarder's CPU time per second of wall time (1.0 = one core busy)
 * @param loss             fraction of the window's packets that did not arrive
 * @param p50Micros        transit time through the forwarder, median, in microseconds
 * @param p99Micros        99th percentile
 * @param maxMicros        maximum
 * @param machineBusy      fraction of all cores busy over the window (everything on the machine)
 * @param loadCpuCores     the load generator's own CPU, cores
 * @param setupSeconds     time to set up this step's new sessions
 * @param undecryptable    packets that arrived but failed SRTP
 * @param udpDrops         datagrams the kernel dropped for full socket buffers during the window, machine-wide
 * @param stopReason       why the ramp stops after this step, or null when it goes on
 */
public record StepResult(
        int sessions,
        double nominalPerSecond,
        double sentPerSecond,
        double forwardedPerSecond,
        double cpuCores,
        double loss,
        double p50Micros,
        double p99Micros,
        double maxMicros,
        double machineBusy,
        double loadCpuCores,
        double setupSeconds,
        long undecryptable,
        long udpDrops,
        String stopReason) {

    /** Forwarder CPU time per forwarded packet, in microseconds. */
    public double cpuMicrosPerPacket() {
        return forwardedPerSecond == 0 ? Double.NaN : cpuCores * 1e6 / forwardedPerSecond;
    }

    /** Forwarded packets per second per core of forwarder CPU: what one core would carry at this cost. */
    public double packetsPerCoreSecond() {
        return cpuCores == 0 ? Double.NaN : forwardedPerSecond / cpuCores;
    }
}
