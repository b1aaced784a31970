package org.remotesupport.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.app.testsupport.AnnotationClient;
import org.remotesupport.app.testsupport.DemoLogin;
import org.remotesupport.app.testsupport.MediaNegotiation;
import org.remotesupport.app.testsupport.SignalingClient;
import org.remotesupport.app.testsupport.UplinkMedia;
import org.remotesupport.app.testsupport.VideoFormat;
import org.remotesupport.app.testsupport.WebRtcPeer;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.recording.RecordingStore;
import org.remotesupport.signaling.recording.S3RecordingStore;
import org.remotesupport.testsupport.s3.S3ProxyServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Recording into S3-compatible object storage (a real S3Proxy): a session between two libwebrtc peers
 * is recorded while the agent draws an arrow, then the agent ends the session. The finished file and
 * the markup timeline leave the relay's spool for the bucket; a trainee streams the object with Range
 * requests, and Debian's ffmpeg decodes it, finds its duration and Cues without scanning and decodes
 * from a late seek; the timeline comes back with the arrow; an admin's deletion removes both objects.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class S3RecordingEndToEndTest {

    private static final String BUCKET = "recordings-e2e";
    private static final Duration NEGOTIATION = Duration.ofSeconds(10);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    // long enough for the second seek point the recorder asks for after ten seconds
    private static final long RECORD_MILLIS = 12_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private RecordingService recordings;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws IOException {
        S3ProxyServer s3 = S3ProxyServer.sharedServer();
        s3.createBucket(BUCKET);
        Path spool = Files.createTempDirectory("recording-spool-");
        registry.add("remote-support.recording.storage", () -> "s3");
        registry.add("remote-support.recording.directory", spool::toString);
        registry.add("remote-support.recording.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("remote-support.recording.s3.region", s3::region);
        registry.add("remote-support.recording.s3.bucket", () -> BUCKET);
        registry.add("remote-support.recording.s3.path-style", () -> "true");
        registry.add("remote-support.recording.s3.access-key", s3::accessKey);
        registry.add("remote-support.recording.s3.secret-key", s3::secretKey);
        registry.add("remote-support.recording.s3.prefix", () -> "recordings/");
    }

    @Test
    void aRecordingInObjectStorageStreamsWithRangesAndIsSeekable() throws Exception {
        assertThat(recordings.store()).isInstanceOf(S3RecordingStore.class);
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        String recordingId;
        double recordedSeconds;
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(VideoFormat.VGA_30))) {
            ServerMessage.Welcome agentWelcome = agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer");
            customerSignaling.joinSession();
            String sessionId = session.sessionId();
            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia = MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION);
                 AnnotationClient annotations = AnnotationClient.join(URI.create("ws://127.0.0.1:" + port + "/annotations"),
                         sessionId, agentWelcome.participantId(), agentWelcome.resumeToken())) {
                agent.awaitVideoFrames(30, WITHIN);
                agentSignaling.request(new ClientMessage.RecordingRequest(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingConsentRequest.class, WITHIN);
                customerSignaling.await(ServerMessage.RecordingConsentRequest.class, WITHIN);
                recordingId = customerSignaling.request(
                        new ClientMessage.RecordingConsent(customerSignaling.nextId(), sessionId, true),
                        ServerMessage.RecordingStarted.class, WITHIN).recordingId();
                long startNanos = System.nanoTime();
                annotations.op("""
                        {"type":"op","opId":"o1","kind":"add","markup":{"id":"m1","type":"arrow","color":"#00ff00",
                         "width":16,"points":[[0.3,0.4],[0.6,0.4]],"anchor":{"track":"video","frameTs":0}}}""");
                Thread.sleep(RECORD_MILLIS);
                // ending the session stops the recording and exports the markup timeline
                agentSignaling.request(new ClientMessage.SessionEnd(agentSignaling.nextId(), sessionId,
                        "resolved_remotely", null), ServerMessage.SessionEnded.class, WITHIN);
                recordedSeconds = (System.nanoTime() - startNanos) / 1e9;
                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
            }
        }

        // the media and the timeline leave the spool for the bucket
        String id = recordingId;
        S3RecordingStore store = (S3RecordingStore) recordings.store();
        awaitTrue("the recording to finish and both objects to be uploaded", () -> {
            try {
                return recordings.index().find(id).map(RecordingEntry::state).orElse("").equals(RecordingEntry.COMPLETE)
                        && store.spooled().isEmpty()
                        && names(store).containsAll(List.of(id + ".timeline.json", id + ".webm"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (var spooled = Files.list(store.spool())) {
            assertThat(spooled.filter(f -> f.getFileName().toString().startsWith(id))).isEmpty();
        }

        // a trainee streams the object: the whole of it as a range, and a range from the middle
        String trainee = DemoLogin.token(port, "tia", "tia-demo");
        long size = store.size(id + ".webm").orElseThrow();
        HttpResponse<byte[]> whole = getBytes("/api/recordings/" + id + "/media", trainee, "bytes=0-");
        assertThat(whole.statusCode()).isEqualTo(206);
        assertThat(whole.headers().firstValue("Content-Range")).contains("bytes 0-" + (size - 1) + "/" + size);
        assertThat(whole.body()).hasSize((int) size);
        HttpResponse<byte[]> middle = getBytes("/api/recordings/" + id + "/media", trainee,
                "bytes=" + size / 2 + "-" + (size / 2 + 4095));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).containsExactly(Arrays.copyOfRange(whole.body(), (int) (size / 2), (int) (size / 2 + 4096)));

        Path file = Files.createDirectories(Path.of("target", "recordings-under-test")).resolve(id + "-s3.webm");
        Files.write(file, whole.body());
        MediaProbe.Report report = MediaProbe.probe(file);
        MediaProbe.Seeking seeking = MediaProbe.seeking(file, recordedSeconds - 1.5);
        System.out.printf("recorded %.2f s to S3: %s; %s%n", recordedSeconds, report, seeking);
        assertThat(report.decodeExit()).isZero();
        assertThat(report.decodeErrors()).as("ffmpeg's decoding errors").isEmpty();
        assertThat(report.ofType("video")).singleElement().satisfies(video -> assertThat(video.codec()).isEqualTo("vp8"));
        assertThat(report.ofType("audio")).isNotEmpty();
        assertThat(report.duration()).as("stated duration (s)").isCloseTo(recordedSeconds, Offset.offset(0.5));
        // seekable: the duration is stated, Cues are there, and a late seek decodes cleanly
        assertThat(seeking.formatWarnings()).as("ffprobe's warnings reading the format").isEmpty();
        assertThat(seeking.statedDuration()).isCloseTo(report.duration(), Offset.offset(0.01));
        assertThat(seeking.segmentSizeKnown()).as("the segment's size is written").isTrue();
        // the first keyframe and the one the recorder asked for ten seconds later
        assertThat(seeking.cuePoints()).as("cue points").isGreaterThanOrEqualTo(2);
        assertThat(seeking.seekExit()).isZero();
        assertThat(seeking.seekErrors()).as("ffmpeg's errors decoding after a late seek").isEmpty();

        // the timeline, stored with the recording, has the arrow
        JsonNode timeline = JSON.readTree(get("/api/recordings/" + id + "/timeline", trainee).body());
        assertThat(timeline.path("entries")).hasSize(1);
        assertThat(timeline.path("entries").get(0).path("op").path("markup").path("type").asText()).isEqualTo("arrow");
        String stored;
        try (var in = store.open(id + ".timeline.json", 0, store.size(id + ".timeline.json").orElseThrow())) {
            stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the markups the API answers with are the stored object's (the API adds the session's events)
        assertThat(JSON.readTree(stored).path("entries")).isEqualTo(timeline.path("entries"));

        // deletion removes both objects from the bucket
        assertThat(send(HttpRequest.newBuilder(url("/api/recordings/" + id)).DELETE()
                .header("Authorization", "Bearer " + DemoLogin.token(port, "admin", "admin-demo"))).statusCode())
                .isEqualTo(204);
        assertThat(names(store)).noneMatch(name -> name.startsWith(id));
        assertThat(getBytes("/api/recordings/" + id + "/media", trainee, "bytes=0-").statusCode()).isEqualTo(404);
    }

    private static List<String> names(RecordingStore store) throws IOException {
        return store.list(null, 1000).stream().map(RecordingStore.StoredObject::name).toList();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WITHIN.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(WITHIN).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String token, String range) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(WITHIN).header("Authorization", "Bearer " + token)
                .header("Range", range).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(WITHIN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
