package org.remotesupport.bench.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing benchmark's smoke run, so that it cannot rot: 50 waiting customers and 10 agents, on one
 * node and on two nodes sharing a real {@code redis-server}, through the real sign-in, help page and
 * WebSocket protocol. Asserts that every probe was offered to an idle agent (the benchmark fails
 * otherwise), that the waiting customers were still waiting during the deep probes (nobody busy was
 * offered one) and could all leave, and that the table is written; it asserts no speed, which a shared machine cannot promise.
 */
class PairingBenchSmokeTest {

    @Test
    void bothTopologiesPairProbesWithADeepQueueAndTheTableIsWritten(@TempDir Path dir) throws Exception {
        PairingBench.Options options = new PairingBench.Options();
        options.customers = 50;
        options.agents = 10;
        options.idleAgents = 2;
        options.probes = 20;
        options.pause = Duration.ofMillis(5);
        options.out = dir.resolve("pairing-latency.md");

        PairingBench.Run run = PairingBench.run(options);

        assertThat(run.results()).extracting(PairingBench.Result::topology)
                .containsExactly("one node, in memory", "two nodes, Redis");
        for (PairingBench.Result result : run.results()) {
            for (PairingBench.Latency latency : List.of(result.empty(), result.deep(), result.emptyAgain())) {
                assertThat(latency.probes()).isEqualTo(20);
                // an offer is measured from the join, so it cannot come before the join nor take the bench's whole wait
                assertThat(latency.offerP50Micros()).as(result.topology()).isPositive()
                        .isLessThanOrEqualTo(latency.offerP99Micros());
                assertThat(latency.offerMaxMicros()).isLessThan(Duration.ofSeconds(60).toNanos() / 1000);
                assertThat(latency.statusP50Micros()).isPositive();
            }
            assertThat(result.queuedDeep()).as("the waiting customers, none served, the probes gone")
                    .isEqualTo(50);
            assertThat(result.p50Ratio()).isPositive();
        }
        String table = Files.readString(run.table());
        assertThat(table).contains("# Pairing latency", "| one node, in memory | empty |",
                "| two nodes, Redis | deep: 50 waiting |", "| two nodes, Redis | empty again |", "deep ÷ empty");
    }
}
