package org.remotesupport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotesupport.bench.janus.JanusUnderTest;

/**
 * The benchmark's smoke run, so that it cannot rot: one small step of the support-session scenario
 * against our relay, Janus and the floor, each in its own process, and the Markdown table. Asserts
 * that media went through every system and that the table names them; it asserts no speed, which
 * a shared machine cannot promise.
 */
class BenchSmokeTest {

    @Test
    void everySystemForwardsASmallStepAndTheTableIsWritten(@TempDir Path dir) throws Exception {
        assertThat(JanusUnderTest.installed()).as("Debian package janus is installed (scripts/test.sh installs it)").isTrue();
        BenchMain.Options options = new BenchMain.Options();
        options.steps = List.of(2);
        options.warmup = Duration.ofMillis(500);
        options.window = Duration.ofMillis(1500);
        options.out = dir.resolve("results");
        options.work = dir.resolve("work");

        BenchMain.Run run = BenchMain.run(options);

        assertThat(run.results()).extracting(SystemResult::name).containsExactly("our relay", "Janus", "floor");
        for (SystemResult result : run.results()) {
            assertThat(result.error()).as(result.name() + " ran without error").isNull();
            assertThat(result.steps()).as(result.name() + " measured the step").hasSize(1);
            StepResult step = result.steps().get(0);
            assertThat(step.sessions()).isEqualTo(2);
            // two sessions send 560 RTP packets a second; most must come through, whatever the machine does
            assertThat(step.forwardedPerSecond()).as(result.name() + " forwarded packets").isGreaterThan(280);
            // a forwarder that repeated packets would deliver more than was sent; a few per cent of
            // slack because one starved run (load generator behind its schedule) came out 2 % over
            assertThat(step.forwardedPerSecond()).as(result.name() + " delivered no packet twice")
                    .isLessThanOrEqualTo(step.sentPerSecond() * 1.05);
            assertThat(step.undecryptable()).as(result.name() + " packets that failed SRTP").isZero();
            assertThat(step.cpuCores()).as(result.name() + " CPU was measured").isPositive();
        }
        assertThat(run.results().get(0).srtpProfile()).isNotEqualTo("none (plain RTP)");
        assertThat(run.results().get(0).counters().get("forwarded")).as("the relay's own forwarded counter").isPositive();
        String table = Files.readString(run.table());
        assertThat(table).contains("| cores |", "| CPU |", "| JDK |", "| commit |", "## Same load, side by side",
                "## our relay", "## Janus", "## floor");
        assertThat(table.lines().filter(l -> l.startsWith("| 2 |")).count()).as("a row for K=2 per table").isEqualTo(4);
    }
}
