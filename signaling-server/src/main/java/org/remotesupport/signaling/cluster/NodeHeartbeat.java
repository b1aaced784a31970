package org.remotesupport.signaling.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's entries in the {@link ParticipantDirectory} alive: at start and then every
 * interval it renews the node's own entry and those of the participants connected here; on
 * {@link #close} it removes them, so a node that stops cleanly is forgotten at once and one that
 * crashes after the node timeout. Each beat also takes out the nodes found dead and tells the
 * {@link NodeFailureListener}s who was connected to them, so that their sessions learn those
 * participants dropped. Runs on the scheduler it is given, which it shuts down on close.
 */
public final class NodeHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final ParticipantDirectory directory;
    private final LocalConnections local;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final List<NodeFailureListener> listeners;

    public NodeHeartbeat(ParticipantDirectory directory, LocalConnections local, Duration interval,
                         ScheduledExecutorService scheduler, List<NodeFailureListener> listeners) {
        this.directory = directory;
        this.local = local;
        this.interval = interval;
        this.scheduler = scheduler;
        this.listeners = List.copyOf(listeners);
    }

    /** Renews the entries now and schedules the renewals. */
    public void start() {
        beat();
        long period = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        log.info("node {} joined the cluster; live nodes: {}", directory.node().id(), directory.liveNodes());
    }

    /** Renews this node's entry and those of its connected participants once, then looks for dead nodes. */
    public void beat() {
        try {
            directory.refresh(local.participantIds());
            for (ParticipantDirectory.DeadNode dead : directory.takeDeadNodes()) {
                log.warn("node {} stopped renewing its entry; {} participants were connected to it",
                        dead.nodeId(), dead.participantIds().size());
                for (NodeFailureListener listener : listeners) {
                    try {
                        listener.nodeFailed(dead.nodeId(), dead.participantIds());
                    } catch (RuntimeException e) {
                        // one listener's failure must not keep the others uninformed
                        log.warn("node failure listener failed", e);
                    }
                }
            }
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
