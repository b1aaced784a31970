package org.remotesupport.signaling.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's entries in the {@link ParticipantDirectory} alive: at start and then every
 * interval it renews the node's own entry and those of the participants connected here; on
 * {@link #close} it removes them, so a node that stops cleanly is forgotten at once and one that
 * crashes after the node timeout. Runs on the scheduler it is given, which it shuts down on close.
 */
public final class NodeHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final ParticipantDirectory directory;
    private final LocalConnections local;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public NodeHeartbeat(ParticipantDirectory directory, LocalConnections local, Duration interval,
                         ScheduledExecutorService scheduler) {
        this.directory = directory;
        this.local = local;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** Renews the entries now and schedules the renewals. */
    public void start() {
        beat();
        long period = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        log.info("node {} joined the cluster; live nodes: {}", directory.node().id(), directory.liveNodes());
    }

    /** Renews this node's entry and those of its connected participants once. */
    public void beat() {
        try {
            directory.refresh(local.participantIds());
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again; the next beat may find the store back
            log.warn("heartbeat of node {} failed: {}", directory.node().id(), e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            directory.leave(local.participantIds());
        } catch (RuntimeException e) {
            // the entries expire on their own
            log.debug("node {} could not leave the directory: {}", directory.node().id(), e.toString());
        }
    }
}
