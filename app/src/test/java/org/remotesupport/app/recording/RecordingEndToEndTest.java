package org.remotesupport.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.remotesupport.signaling.recording.LocalDiskRecordingStore;
import org.remotesupport.signaling.recording.RecordingService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A session between two libwebrtc peers is recorded through the embedded relay after the customer
 * consents: Debian's ffmpeg decodes the file without an error, with the customer's video and audio,
 * the recorded length and both tracks starting together, and seekable (Cues, stated duration). Then the access rules: a trainee finds and
 * streams it (with seeking), the session's agent reads it, another agent and the customer cannot,
 * a trainee cannot delete it, and an admin's deletion removes the file and the index entry.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class RecordingEndToEndTest {

    private static final VideoFormat SENT = VideoFormat.VGA_30;
    private static final Duration NEGOTIATION = Duration.ofSeconds(10);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final long RECORD_MILLIS = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private RecordingService recordings;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aConsentedSessionIsRecordedPlayableAndReadableByTheRightPeopleOnly() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        String recordingId;
        double recordedSeconds;
        String customerToken;
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(SENT))) {

            agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerToken = customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer").token();
            customerSignaling.joinSession();
            String sessionId = session.sessionId();

            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia =
                         MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION)) {
                // media flows before anyone asks to record
                agent.awaitVideoFrames(30, WITHIN);

                ServerMessage.RecordingConsentRequest asked = agentSignaling.request(
                        new ClientMessage.RecordingRequest(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingConsentRequest.class, WITHIN);
                assertThat(asked.requestedBy()).isEqualTo("Ana");
                customerSignaling.await(ServerMessage.RecordingConsentRequest.class, WITHIN);
                ServerMessage.RecordingStarted started = customerSignaling.request(
                        new ClientMessage.RecordingConsent(customerSignaling.nextId(), sessionId, true),
                        ServerMessage.RecordingStarted.class, WITHIN);
                long startNanos = System.nanoTime();
                recordingId = started.recordingId();
                agentSignaling.await(ServerMessage.RecordingStarted.class, WITHIN);

                // the recording's content: a few seconds of the customer's camera
                Thread.sleep(RECORD_MILLIS);

                ServerMessage.RecordingStopped stopped = agentSignaling.request(
                        new ClientMessage.RecordingStop(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingStopped.class, WITHIN);
                recordedSeconds = (System.nanoTime() - startNanos) / 1e9;
                assertThat(stopped.recordingId()).isEqualTo(recordingId);
                assertThat(stopped.reason()).isEqualTo("stopped");
                customerSignaling.await(ServerMessage.RecordingStopped.class, WITHIN);
                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
            }
        }

        String trainee = DemoLogin.token(port, "tia", "tia-demo");
        JsonNode found = json(get("/api/recordings?product=&limit=10", trainee));
        JsonNode entry = null;
        for (JsonNode item : found.path("recordings")) {
            if (item.path("recordingId").asText().equals(recordingId)) {
                entry = item;
            }
        }
        assertThat(entry).as("the trainee finds the recording in %s", found).isNotNull();
        int indexedWidth = entry.path("width").asInt();
        assertThat(entry.path("state").asText()).isEqualTo("complete");
        assertThat(entry.path("agent").asText()).isEqualTo("ana");
        assertThat(entry.path("consent").path("granted").asBoolean()).isTrue();
        assertThat(entry.path("consent").path("requestedBy").asText()).isEqualTo("ana");
        // nobody drew: the player gets an empty timeline of the usual shape
        JsonNode timeline = json(get("/api/recordings/" + recordingId + "/timeline", trainee));
        assertThat(timeline.path("sessionId").asText()).isEqualTo(entry.path("sessionId").asText());
        assertThat(timeline.path("entries").isArray()).isTrue();
        assertThat(timeline.path("entries")).isEmpty();

        HttpResponse<byte[]> media = getBytes("/api/recordings/" + recordingId + "/media", trainee, null);
        assertThat(media.statusCode()).isEqualTo(200);
        Path file = Files.createDirectories(Path.of("target", "recordings-under-test")).resolve(recordingId + ".webm");
        Files.write(file, media.body());

        MediaProbe.Report report = MediaProbe.probe(file);
        System.out.printf("recorded %.2f s: %s%n", recordedSeconds, report);
        assertThat(report.decodeExit()).isZero();
        assertThat(report.decodeErrors()).as("ffmpeg's decoding errors").isEmpty();
        assertThat(report.ofType("video")).singleElement().satisfies(video -> {
            assertThat(video.codec()).isEqualTo("vp8");
            // the encoder may scale down on a busy machine, never change the camera's shape
            assertThat(video.width()).isBetween(160, SENT.width());
            assertThat(video.width() * SENT.height()).isEqualTo(video.height() * SENT.width());
            assertThat(video.width()).isEqualTo(indexedWidth);
        });
        assertThat(report.ofType("audio")).isNotEmpty().allSatisfy(audio -> assertThat(audio.codec()).isEqualTo("opus"));
        MediaProbe.Stream video = report.ofType("video").get(0);
        MediaProbe.Stream audio = report.ofType("audio").get(0);
        assertThat(Math.abs(video.startTime() - audio.startTime())).as("audio/video start offset (s)").isLessThan(0.1);
        assertThat(report.duration()).as("stated duration (s)").isCloseTo(recordedSeconds, org.assertj.core.data.Offset.offset(0.5));
        assertThat(video.endTime()).as("end of the video (s)").isCloseTo(recordedSeconds, org.assertj.core.data.Offset.offset(0.5));
        // seekable once finished: duration and Cues are read without scanning, a late seek decodes cleanly
        MediaProbe.Seeking seeking = MediaProbe.seeking(file, recordedSeconds - 1.5);
        assertThat(seeking.formatWarnings()).as("ffprobe's warnings reading the format").isEmpty();
        assertThat(seeking.segmentSizeKnown()).as("the segment's size is written").isTrue();
        assertThat(seeking.cuePoints()).as("cue points in %s", seeking).isGreaterThanOrEqualTo(1);
        assertThat(seeking.seekErrors()).as("ffmpeg's errors decoding after a late seek").isEmpty();

        // seeking: a range from the middle comes back as 206 with exactly those bytes
        long size = media.body().length;
        HttpResponse<byte[]> part = getBytes("/api/recordings/" + recordingId + "/media", trainee,
                "bytes=" + size / 2 + "-" + (size / 2 + 999));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes " + size / 2 + "-" + (size / 2 + 999) + "/" + size);
        assertThat(part.body()).containsExactly(java.util.Arrays.copyOfRange(media.body(), (int) (size / 2), (int) (size / 2 + 1000)));
        // a <video> element sends the token as a query parameter
        assertThat(http.send(HttpRequest.newBuilder(url("/api/recordings/" + recordingId + "/media?access_token=" + trainee))
                .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(206);

        // the agent of the session reads it; another agent neither finds nor reads it; the customer cannot search
        assertThat(get("/api/recordings/" + recordingId, DemoLogin.token(port, "ana", "ana-demo")).statusCode()).isEqualTo(200);
        String otherAgent = DemoLogin.token(port, "li", "li-demo");
        assertThat(get("/api/recordings/" + recordingId, otherAgent).statusCode()).isEqualTo(404);
        assertThat(getBytes("/api/recordings/" + recordingId + "/media", otherAgent, null).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/recordings", otherAgent)).path("recordings").toString()).doesNotContain(recordingId);
        assertThat(get("/api/recordings", customerToken).statusCode()).isEqualTo(403);
        assertThat(getBytes("/api/recordings/" + recordingId + "/media", customerToken, null).statusCode()).isEqualTo(403);
        assertThat(get("/api/recordings", null).statusCode()).isEqualTo(401);

        // deletion: not by a trainee; by an admin, and then the file and the entry are gone
        assertThat(delete("/api/recordings/" + recordingId, trainee).statusCode()).isEqualTo(403);
        Path stored = ((LocalDiskRecordingStore) recordings.store()).directory().resolve(recordingId + ".webm");
        assertThat(stored).exists();
        assertThat(delete("/api/recordings/" + recordingId, DemoLogin.token(port, "admin", "admin-demo")).statusCode())
                .isEqualTo(204);
        assertThat(stored).doesNotExist();
        assertThat(recordings.index().find(recordingId)).isEmpty();
        assertThat(get("/api/recordings/" + recordingId, trainee).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/recordings", trainee)).path("recordings").toString()).doesNotContain(recordingId);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String token, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
