package org.remotesupport.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ParticipantDirectory} promises, run against each implementation by a subclass.
 * Entries live for {@link #TIMEOUT} by the real clock, so the expiry tests wait for it, polling with a
 * deadline.
 */
public abstract class ParticipantDirectoryContract {

    protected static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final ClusterNode A = new ClusterNode("node-a");
    private static final ClusterNode B = new ClusterNode("node-b");
    private static final ClusterNode C = new ClusterNode("node-c");

    /**
     * The directory of {@code node} with entries that live for {@link #TIMEOUT}; every call in one test
     * shares one store, as the nodes of one cluster do.
     */
    protected abstract ParticipantDirectory directoryOf(ClusterNode node);

    @Test
    void everyNodeSeesWhereAParticipantIsConnected() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        assertThat(a.node()).isEqualTo(A);

        a.bind("p1");
        b.bind("p2");

        assertThat(b.nodeOf("p1")).contains("node-a");
        assertThat(a.nodeOf("p2")).contains("node-b");
        assertThat(a.nodeOf("p3")).isEmpty();

        a.unbind("p1");
        assertThat(b.nodeOf("p1")).isEmpty();
    }

    @Test
    void aNodeNeverRemovesOrRenewsAnEntryAnotherNodeTookOver() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        a.bind("p1");
        // the participant's connection resumed on node B
        b.bind("p1");

        a.unbind("p1");
        assertThat(a.nodeOf("p1")).contains("node-b");
        a.refresh(List.of("p1"));
        assertThat(a.nodeOf("p1")).contains("node-b");
        a.leave(List.of("p1"));
        assertThat(b.nodeOf("p1")).contains("node-b");
    }

    @Test
    void entriesOfANodeThatStopsRenewingExpire() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        a.refresh(List.of("p1"));
        b.refresh(List.of("p2"));
        assertThat(a.liveNodes()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(b.nodeOf("p1")).contains("node-a");

        // node B keeps beating, node A has crashed
        long deadline = System.nanoTime() + TIMEOUT.multipliedBy(5).toNanos();
        while (b.nodeOf("p1").isPresent() && System.nanoTime() < deadline) {
            b.refresh(List.of("p2"));
            pause();
        }
        assertThat(b.nodeOf("p1")).as("entry of the crashed node").isEmpty();
        assertThat(b.liveNodes()).containsExactly("node-b");
        assertThat(b.nodeOf("p2")).as("renewed entry").contains("node-b");
    }

    @Test
    void aRenewedEntryOutlivesTheTimeout() {
        ParticipantDirectory a = directoryOf(A);
        a.bind("p1");
        long end = System.nanoTime() + TIMEOUT.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            a.refresh(List.of("p1"));
            assertThat(a.nodeOf("p1")).contains("node-a");
            pause();
        }
    }

    @Test
    void aNodeThatLeavesIsForgottenAtOnce() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        a.refresh(List.of("p1", "p2"));
        a.bind("p1");
        a.bind("p2");
        b.refresh(List.of());

        a.leave(List.of("p1", "p2"));

        assertThat(b.nodeOf("p1")).isEmpty();
        assertThat(b.nodeOf("p2")).isEmpty();
        assertThat(b.liveNodes()).containsExactly("node-b");
    }

    @Test
    void aDeadNodeIsTakenOutOnceWithTheParticipantsItStillHeld() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        ParticipantDirectory c = directoryOf(C);
        a.refresh(List.of());
        a.bind("p1");
        a.bind("p2");
        a.bind("p3");
        // p2 resumed on node B, p3 left normally; then node A crashed
        b.bind("p2");
        a.unbind("p3");
        assertThat(b.takeDeadNodes()).as("while node A is alive").isEmpty();

        List<ParticipantDirectory.DeadNode> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.multipliedBy(5).toNanos();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            b.refresh(List.of("p2"));
            c.refresh(List.of());
            taken.addAll(b.takeDeadNodes());
            taken.addAll(c.takeDeadNodes());
            pause();
        }
        assertThat(taken).containsExactly(new ParticipantDirectory.DeadNode("node-a", List.of("p1")));
        assertThat(b.takeDeadNodes()).as("taken once").isEmpty();
        assertThat(c.takeDeadNodes()).isEmpty();
        assertThat(c.liveNodes()).containsExactlyInAnyOrder("node-b", "node-c");
        assertThat(c.nodeOf("p2")).contains("node-b");
    }

    @Test
    void aNodeThatLeftIsNotFoundDead() {
        ParticipantDirectory a = directoryOf(A);
        ParticipantDirectory b = directoryOf(B);
        a.refresh(List.of("p1"));
        a.bind("p1");
        a.leave(List.of("p1"));
        long end = System.nanoTime() + TIMEOUT.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            b.refresh(List.of());
            assertThat(b.takeDeadNodes()).isEmpty();
            pause();
        }
    }

    private static void pause() {
        try {
            // the interval of a fast heartbeat; the loops above are bounded by their deadline
            Thread.sleep(TIMEOUT.toMillis() / 6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
