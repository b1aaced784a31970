package org.remotesupport.signaling.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InviteStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class InviteStoreContract {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600);

    protected abstract InviteStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract InviteStore anotherNode();

    @Test
    void anInviteIsUsedOnce() {
        InviteStore store = newStore();
        assertThat(store.isUsed("i1")).isFalse();
        assertThat(store.use("i1", EXPIRES, NOW)).isTrue();
        assertThat(anotherNode().isUsed("i1")).isTrue();
        assertThat(anotherNode().use("i1", EXPIRES, NOW.plusSeconds(1))).isFalse();
        assertThat(store.isUsed("i2")).isFalse();
    }

    @Test
    void ofCustomersRacingWithOneLinkOnSeveralNodesExactlyOneGetsIn() throws Exception {
        InviteStore store = newStore();
        InviteStore other = anotherNode();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String invite = "invite" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    InviteStore node = i % 2 == 0 ? store : other;
                    attempts.add(threads.submit(() -> {
                        start.await();
                        return node.use(invite, EXPIRES, NOW);
                    }));
                }
                start.countDown();
                int used = 0;
                for (Future<Boolean> attempt : attempts) {
                    used += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(used).as("uses of %s", invite).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
