package org.remotesupport.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionLocks} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} gives the locks as a second signaling node holds them (the same object for
 * in-process locks, which serve a single node).
 */
public abstract class SessionLocksContract {

    private SessionLocks locks;
    private ExecutorService threads;

    protected abstract SessionLocks newLocks();

    /** The locks of the store last made by {@link #newLocks()}, as another node holds them. */
    protected abstract SessionLocks anotherNode();

    @BeforeEach
    void create() {
        locks = newLocks();
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void holdersOfOneSessionsLockOnSeveralNodesNeverOverlap() throws Exception {
        SessionLocks other = anotherNode();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        int[] unguarded = {0};
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            SessionLocks node = t % 2 == 0 ? locks : other;
            workers.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    node.locked("s1", () -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        // a read-modify-write that only the lock keeps from losing increments
                        int seen = unguarded[0];
                        Thread.yield();
                        unguarded[0] = seen + 1;
                        inside.decrementAndGet();
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        assertThat(mostInside.get()).as("holders at once").isEqualTo(1);
        assertThat(unguarded[0]).isEqualTo(200);
    }

    @Test
    void differentSessionsDoNotWaitForEachOther() throws Exception {
        CountDownLatch otherSessionRan = new CountDownLatch(1);
        SessionLocks other = anotherNode();
        Future<Boolean> holder = threads.submit(() -> locks.locked("s1", () -> {
            try {
                return otherSessionRan.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        threads.submit(() -> other.locked("s2", otherSessionRan::countDown)).get(10, TimeUnit.SECONDS);
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theLockIsReentrantAndReturnsTheResult() {
        String result = locks.locked("s1", () -> locks.locked("s1", () -> "inner") + " outer");
        assertThat(result).isEqualTo("inner outer");
        // fully released: another node takes it at once
        assertThat(anotherNode().locked("s1", () -> "next")).isEqualTo("next");
    }

    @Test
    void anActionThatThrowsReleasesTheLock() throws Exception {
        assertThatThrownBy(() -> locks.locked("s1", () -> {
            throw new SignalingException(org.remotesupport.protocol.signaling.ErrorCode.NOT_IN_SESSION, "no");
        })).isInstanceOf(SignalingException.class);
        SessionLocks other = anotherNode();
        assertThat(threads.submit(() -> other.locked("s1", () -> "taken")).get(10, TimeUnit.SECONDS))
                .isEqualTo("taken");
    }
}
