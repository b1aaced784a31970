package org.remotesupport.bench.firstframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join-to-first-frame benchmark's smoke run, so that it cannot rot: the server's jar, two
 * headless Chromium, two joins on loopback and two at 100 ms RTT. Asserts that every join ended
 * with frames decoded at the agent and every milestone recorded, that the slow condition really
 * went over the slow link (ICE measured a round trip of at least 90 ms, and the first frame took at
 * least the five round trips of signaling that precede any media), and that the table is written.
 * It asserts no speed, which a shared machine cannot promise.
 */
class FirstFrameBenchSmokeTest {

    @Test
    void bothLinksAreMeasuredAndTheSlowOneReallyIsSlow(@TempDir Path dir) throws Exception {
        FirstFrameBench.Options options = new FirstFrameBench.Options();
        options.appJar = Path.of(System.getProperty("first-frame.app-jar", "../app/target/remote-support.jar"));
        options.runs = 2;
        options.warmups = 0;
        // the server starts sooner without the optimising compiler; this run measures nothing that needs it
        options.serverJvmOptions = List.of("-XX:TieredStopAtLevel=1");
        options.out = dir.resolve("first-frame.md");
        options.work = dir.resolve("work");

        FirstFrameBench.Run run = FirstFrameBench.run(options);

        assertThat(run.joins()).extracting(FirstFrameBench.Join::condition).containsExactly(
                FirstFrameBench.LOOPBACK, FirstFrameBench.RTT_100, FirstFrameBench.LOOPBACK, FirstFrameBench.RTT_100);
        for (FirstFrameBench.Join join : run.joins()) {
            assertThat(join.framesDecoded()).as("frames the agent decoded").isPositive();
            assertThat(join.milestones()).as("every milestone").containsOnlyKeys(FirstFrameBench.MILESTONES);
            // the first frame comes after the customer's media is connected, and after Start
            assertThat(join.firstFrameMs()).isGreaterThanOrEqualTo(join.milestones().get("dtls")).isPositive();
            assertThat(join.decodedMs()).isPositive();
        }
        List<FirstFrameBench.Join> slow = run.joins().stream()
                .filter(j -> j.condition().equals(FirstFrameBench.RTT_100)).toList();
        for (FirstFrameBench.Join join : slow) {
            assertThat(join.customerIceRttSeconds()).as("the customer's ICE round trip").isGreaterThanOrEqualTo(0.09);
            assertThat(join.agentIceRttSeconds()).as("the agent's ICE round trip").isGreaterThanOrEqualTo(0.09);
            // WebSocket handshake and upgrade, hello, session.join, media.join: five round trips at least
            // (less 10 ms for the two clocks' rounding)
            assertThat(join.milestones().get("offer")).isGreaterThanOrEqualTo(490);
            assertThat(join.firstFrameMs()).isGreaterThanOrEqualTo(490);
        }
        String table = Files.readString(run.table());
        assertThat(table).contains("# Join to first frame", "| loopback | 2 |", "| 100 ms RTT | 2 |",
                "÷ baseline p50", "agent's first frame");
    }
}
