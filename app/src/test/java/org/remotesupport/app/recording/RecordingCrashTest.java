package org.remotesupport.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.app.testsupport.DemoLogin;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;

/**
 * The server (with its relay) runs as a process of its own and is killed with SIGKILL in the middle
 * of a recording: what it wrote before plays in Debian's ffmpeg without an error and lasts about as
 * long as the recording ran, less at most the part not yet written (one cluster).
 */
class RecordingCrashTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final long RECORD_MILLIS = 5_000;
    // a cluster closes after at most two seconds, and a quiet one is written after two seconds
    private static final double UNWRITTEN_AT_MOST = 2.5;

    private Process server;

    @AfterEach
    void killServer() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
    }

    @Test
    void whatWasRecordedBeforeTheServerWasKilledPlays() throws Exception {
        Path data = Files.createDirectories(Path.of("target", "crash-test")).toAbsolutePath();
        Path recordings = data.resolve("recordings-" + System.nanoTime());
        int port = freePort();
        server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RemoteSupportApplication.class.getName(),
                "--spring.profiles.active=loopback", "--server.port=" + port,
                "--remote-support.data-dir=" + data, "--remote-support.recording.directory=" + recordings))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile())
                .start();
        awaitHealthy(port);

        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        double recordedSeconds;
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(VideoFormat.VGA_30))) {
            agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer");
            customerSignaling.joinSession();
            String sessionId = session.sessionId();
            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, WITHIN);
                 MediaNegotiation customerMedia = MediaNegotiation.start(customerSignaling, customer, sessionId, WITHIN)) {
                agent.awaitVideoFrames(30, WITHIN);
                agentSignaling.request(new ClientMessage.RecordingRequest(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingConsentRequest.class, WITHIN);
                customerSignaling.await(ServerMessage.RecordingConsentRequest.class, WITHIN);
                customerSignaling.request(new ClientMessage.RecordingConsent(customerSignaling.nextId(), sessionId, true),
                        ServerMessage.RecordingStarted.class, WITHIN);
                long startNanos = System.nanoTime();
                // the recording's content, then the crash
                Thread.sleep(RECORD_MILLIS);
                server.destroyForcibly();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                recordedSeconds = (System.nanoTime() - startNanos) / 1e9;
            }
        }

        Path file;
        try (Stream<Path> files = Files.list(recordings)) {
            file = files.filter(f -> f.toString().endsWith(".webm")).findFirst().orElseThrow();
        }
        MediaProbe.Report report = MediaProbe.probe(file);
        System.out.printf("killed after %.2f s of recording; the file holds %s%n", recordedSeconds, report);
        assertThat(report.decodeExit()).isZero();
        assertThat(report.decodeErrors()).as("ffmpeg's decoding errors").isEmpty();
        assertThat(report.ofType("video")).singleElement().satisfies(video -> {
            assertThat(video.codec()).isEqualTo("vp8");
            assertThat(video.endTime()).as("seconds of video that survived")
                    .isBetween(recordedSeconds - UNWRITTEN_AT_MOST, recordedSeconds + 0.5);
        });
        assertThat(report.ofType("audio")).isNotEmpty();
    }

    private static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become healthy within " + START);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
