package org.remotesupport.bench.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markup propagation benchmark's smoke run, so that it cannot rot: a few sessions for a couple
 * of seconds. Asserts that ops went through and the table is written; no speed, which a shared
 * machine cannot promise.
 */
class MarkupPropagationSmokeTest {

    @Test
    void aFewSessionsStreamStrokesAndTheTableIsWritten(@TempDir Path dir) throws Exception {
        MarkupPropagationBench.Options options = new MarkupPropagationBench.Options();
        options.sessions = 5;
        options.warmup = Duration.ofSeconds(1);
        options.window = Duration.ofSeconds(2);
        options.out = dir.resolve("annotation-propagation.md");

        MarkupPropagationBench.Result result = MarkupPropagationBench.run(options);

        // five strokes at 60 points/s are 100 ops/s; most must arrive whatever the machine does
        assertThat(result.opsReceived()).isGreaterThan(100);
        assertThat(result.rejects()).isZero();
        assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
        assertThat(Files.readString(options.out)).contains("| sessions |", "| 5 | 60 | 100 |");
    }
}
