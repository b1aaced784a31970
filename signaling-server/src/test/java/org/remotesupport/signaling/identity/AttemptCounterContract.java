package org.remotesupport.signaling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * What every {@link AttemptCounter} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the counter as a second signaling node holds it. Both count on the
 * system clock, so a window that closes is waited for.
 */
public abstract class AttemptCounterContract {

    protected abstract AttemptCounter newCounter();

    /** The counter last made by {@link #newCounter()}, as another node holds it. */
    protected abstract AttemptCounter anotherNode();

    @Test
    void attemptsAreCountedInOneWindowThatEveryNodeSees() {
        AttemptCounter counter = newCounter();
        assertThat(counter.current("k")).isEmpty();
        Instant before = Instant.now();

        AttemptCounter.Window first = counter.record("k", Duration.ofMinutes(10));
        AttemptCounter.Window second = anotherNode().record("k", Duration.ofMinutes(10));

        assertThat(first.attempts()).isEqualTo(1);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.endsAt()).isBetween(before.plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(anotherNode().current("k")).hasValueSatisfying(w -> assertThat(w.attempts()).isEqualTo(2));
        assertThat(counter.current("other")).isEmpty();
    }

    @Test
    void forgivingTakesOneBackAndResettingForgetsAll() {
        AttemptCounter counter = newCounter();
        counter.record("k", Duration.ofMinutes(1));
        counter.record("k", Duration.ofMinutes(1));
        anotherNode().forgive("k");
        assertThat(counter.current("k")).hasValueSatisfying(w -> assertThat(w.attempts()).isEqualTo(1));
        counter.forgive("k");
        assertThat(counter.current("k")).isEmpty();
        counter.forgive("never-counted");
        assertThat(counter.current("never-counted")).isEmpty();

        counter.record("k", Duration.ofMinutes(1));
        counter.record("k", Duration.ofMinutes(1));
        anotherNode().reset("k");
        assertThat(counter.current("k")).isEmpty();
        assertThat(counter.record("k", Duration.ofMinutes(1)).attempts()).isEqualTo(1);
    }

    @Test
    void aClosedWindowStartsTheCountAgain() throws Exception {
        AttemptCounter counter = newCounter();
        counter.record("k", Duration.ofMillis(300));
        counter.record("k", Duration.ofMillis(300));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.current("k").isPresent()) {
            assertThat(System.nanoTime()).as("the window closed").isLessThan(deadline);
            Thread.sleep(50); // polling with a deadline: the window closes on the real clock
        }
        assertThat(counter.record("k", Duration.ofMillis(300)).attempts()).isEqualTo(1);
    }

    @Test
    void attemptsOnSeveralNodesAtOnceAreAllCounted() throws Exception {
        AttemptCounter counter = newCounter();
        AttemptCounter other = anotherNode();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AttemptCounter node = i % 2 == 0 ? counter : other;
                attempts.add(threads.submit(() -> {
                    start.await();
                    for (int n = 0; n < 25; n++) {
                        node.record("race", Duration.ofMinutes(1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get(20, TimeUnit.SECONDS);
            }
            assertThat(counter.current("race")).hasValueSatisfying(w -> assertThat(w.attempts()).isEqualTo(200));
        } finally {
            threads.shutdownNow();
        }
    }
}
