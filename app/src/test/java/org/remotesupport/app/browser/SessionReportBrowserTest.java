package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A recorded session between two libwebrtc peers in which the customer writes in the chat, the
 * agent takes a snapshot, freezes everyone's view on it, draws a green arrow on the still, goes back
 * to live and ends the session with an outcome. A supervisor opens the session's report: it shows
 * the ticket, both participants, the chat line, the snapshot with the arrow drawn over it (in the
 * page's model and in a screenshot) and the outcome; printed (print media emulated through the
 * DevTools protocol) it has no navigation; the page passes axe. A trainee opens the recording in the
 * player: the chat and snapshot markers sit where they happened, "next marker" stops at each kind in
 * turn, the chat panel, the frozen badge and the outcome follow the position.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class SessionReportBrowserTest {

    private static final Duration NEGOTIATION = Duration.ofSeconds(10);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReportAndThePlayerShowWhatHappened(@TempDir Path profile) throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        String sessionId;
        String recordingId;
        String snapshotId;
        String customerToken;
        double chatAt;
        double snapshotAt;
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(VideoFormat.VGA_30))) {
            String agentToken = DemoLogin.token(port, "ana", "ana-demo");
            ServerMessage.Welcome agentWelcome = agentSignaling.hello(agentToken, null);
            ServerMessage.SessionCreated session = agentSignaling.request(new ClientMessage.SessionCreate(
                    agentSignaling.nextId(), "R-4711", "Espresso X2", "coffee-machines", "en"),
                    ServerMessage.SessionCreated.class, WITHIN);
            customerToken = customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Carla").token();
            customerSignaling.joinSession();
            sessionId = session.sessionId();

            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia =
                         MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION);
                 AnnotationClient annotations = AnnotationClient.join(
                         URI.create("ws://127.0.0.1:" + port + "/annotations"), sessionId,
                         agentWelcome.participantId(), agentWelcome.resumeToken())) {
                agent.awaitVideoFrames(30, WITHIN);
                agentSignaling.request(new ClientMessage.RecordingRequest(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingConsentRequest.class, WITHIN);
                customerSignaling.await(ServerMessage.RecordingConsentRequest.class, WITHIN);
                recordingId = customerSignaling.request(
                        new ClientMessage.RecordingConsent(customerSignaling.nextId(), sessionId, true),
                        ServerMessage.RecordingStarted.class, WITHIN).recordingId();
                long startNanos = System.nanoTime();

                // the content, a second apart so that each marker is a stop of its own
                Thread.sleep(1_000);
                customerSignaling.request(new ClientMessage.ChatSend(customerSignaling.nextId(), sessionId,
                        "It drips here"), ServerMessage.ChatMessage.class, WITHIN);
                chatAt = (System.nanoTime() - startNanos) / 1e6;
                Thread.sleep(1_000);
                HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/sessions/" + sessionId + "/snapshots"))
                        .timeout(WITHIN).header("Authorization", "Bearer " + agentToken)
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(greyPicture())).build(),
                        HttpResponse.BodyHandlers.ofString());
                snapshotAt = (System.nanoTime() - startNanos) / 1e6;
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
                snapshotId = JSON.readTree(uploaded.body()).path("snapshotId").asText();
                Thread.sleep(1_000);
                agentSignaling.request(new ClientMessage.SessionFreeze(agentSignaling.nextId(), sessionId, snapshotId),
                        ServerMessage.SessionFrozen.class, WITHIN);
                Thread.sleep(1_000);
                annotations.op("""
                        {"type":"op","opId":"o1","kind":"add","markup":{"id":"m1","type":"arrow","color":"#00ff00",
                         "width":16,"points":[[0.3,0.4],[0.6,0.4]],"anchor":{"track":"video","frameTs":0}}}""");
                Thread.sleep(1_000);
                agentSignaling.request(new ClientMessage.SessionUnfreeze(agentSignaling.nextId(), sessionId),
                        ServerMessage.SessionUnfrozen.class, WITHIN);
                Thread.sleep(1_000);
                agentSignaling.request(new ClientMessage.SessionEnd(agentSignaling.nextId(), sessionId, "replacement",
                        "Ship a new tank"), ServerMessage.SessionEnded.class, WITHIN);
                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();
            }
        }
        String trainee = DemoLogin.token(port, "tia", "tia-demo");
        awaitRecordingFinished(recordingId, trainee);

        // the report over REST: the customer of the session may not read it
        assertThat(get("/api/sessions/" + sessionId + "/report", customerToken).statusCode()).isEqualTo(403);
        JsonNode report = json(get("/api/sessions/" + sessionId + "/report", trainee));
        assertThat(report.path("snapshots").get(0).path("markups")).singleElement()
                .satisfies(m -> assertThat(m.path("type").asText()).isEqualTo("arrow"));
        assertThat(report.path("recordings").get(0).path("recordingId").asText()).isEqualTo(recordingId);
        // the recording's timeline carries the session's events beside its markups
        JsonNode timeline = json(get("/api/recordings/" + recordingId + "/timeline", trainee));
        List<String> kinds = new ArrayList<>();
        timeline.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).containsExactly("chat", "snapshot", "freeze", "unfreeze", "end");
        assertThat(timeline.path("entries")).hasSize(1);

        ChromeDriver browser = HeadlessChromium.start(profile, "1280,900");
        try {
            readReport(browser, sessionId, snapshotId);
            replay(browser, recordingId, snapshotId, chatAt, snapshotAt);
        } finally {
            browser.quit();
        }
    }

    private void readReport(ChromeDriver browser, String sessionId, String snapshotId) {
        browser.get("http://127.0.0.1:" + port + "/report.html?session=" + sessionId);
        HeadlessChromium.signIn(browser, "sam", "sam-demo");
        HeadlessChromium.poll(browser, WITHIN, "the report with its snapshot drawn",
                () -> Boolean.TRUE.equals(browser.executeScript("return window.remoteSupport.ready")));
        assertThat(browser.executeScript("return window.remoteSupport.snapshotsDrawn")).asList()
                .containsExactly(snapshotId);
        assertThat(browser.findElement(By.id("report-ticket")).getText())
                .contains("R-4711").contains("Espresso X2").contains("coffee-machines");
        assertThat(browser.findElement(By.id("report-participants")).getText()).contains("Ana").contains("Carla")
                .contains("agent").contains("customer");
        // both were there from the start to the end: every row has its join and leave times
        assertThat(browser.findElements(By.cssSelector("#report-participants tr"))).hasSize(2).allSatisfy(row ->
                assertThat(row.findElements(By.tagName("td"))).extracting(WebElement::getText)
                        .doesNotContain("—"));
        assertThat(browser.findElement(By.id("report-chat")).getText()).contains("Carla").contains("It drips here");
        assertThat(browser.findElement(By.id("report-outcome")).getText()).isEqualTo("Outcome: Replacement");
        assertThat(browser.findElement(By.id("report-outcome-note")).getText()).contains("Ship a new tank");

        // the arrow drawn over the snapshot, where it was on the still
        WebElement canvas = browser.findElement(By.cssSelector(".report-snapshot canvas"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        HeadlessChromium.screenshot(browser, "report-snapshot");
        BufferedImage shot = PlayerBrowserTest.screenshot(browser);
        assertThat(PlayerBrowserTest.greenNear(shot, pixel(browser, canvas, 0.45, 0.4)))
                .as("the arrow's green on the snapshot").isTrue();
        assertThat(PlayerBrowserTest.greenNear(shot, pixel(browser, canvas, 0.45, 0.7)))
                .as("green away from the arrow").isFalse();
        AxeCheck.assertAccessible(browser, "the session report");

        // printed: no navigation, the report itself still there
        WebElement nav = browser.findElement(By.id("report-nav"));
        assertThat(nav.isDisplayed()).isTrue();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(browser.executeScript("return matchMedia('print').matches")).isEqualTo(true);
        assertThat(nav.isDisplayed()).as("the navigation in print").isFalse();
        assertThat(browser.findElement(By.id("report-chat")).isDisplayed()).isTrue();
        assertThat(browser.executeScript("return getComputedStyle(document.querySelector('#snapshots-title')"
                + ".parentElement).breakBefore")).isEqualTo("page");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    @SuppressWarnings("unchecked")
    private void replay(ChromeDriver browser, String recordingId, String snapshotId, double chatAt,
                        double snapshotAt) {
        // the same tab's sign-in is kept for the tab; the player admits the supervisor too
        browser.get("http://127.0.0.1:" + port + "/player.html?recording=" + recordingId);
        HeadlessChromium.poll(browser, WITHIN, "the recording to load",
                () -> Boolean.TRUE.equals(browser.executeScript("return window.remoteSupport.ready")));
        List<Map<String, Object>> markers = (List<Map<String, Object>>) browser.executeScript(
                "return window.remoteSupport.markers");
        Map<String, Object> chat = markers.stream().filter(m -> "chat".equals(m.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> snapshot = markers.stream().filter(m -> "snapshot".equals(m.get("kind"))).findFirst()
                .orElseThrow();
        assertThat(((Number) chat.get("atMs")).doubleValue()).as("the chat marker (ms into the recording)")
                .isCloseTo(chatAt, Offset.offset(700.0));
        assertThat(((Number) snapshot.get("atMs")).doubleValue()).as("the snapshot marker (ms into the recording)")
                .isCloseTo(snapshotAt, Offset.offset(700.0));
        assertThat(browser.findElement(By.id("markers")).getText()).contains("Chat, Carla: It drips here")
                .contains("Snapshot 1").contains("End: Replacement");
        assertThat(browser.findElement(By.id("marker-legend")).getText()).contains("Chat message").contains("Snapshot");
        assertThat(browser.findElement(By.id("report-link")).getAttribute("href")).contains("report.html?session=");

        // "next marker" from the start stops at every kind in turn
        awaitShown(browser, 0);
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long before = ((Number) browser.executeScript("return window.remoteSupport.markupsAtMs")).longValue();
            Map<String, Object> next = markers.stream()
                    .filter(m -> ((Number) m.get("atMs")).longValue() > before + 500).findFirst().orElse(null);
            if (next == null) {
                break;
            }
            browser.findElement(By.id("next-marker")).click();
            long at = ((Number) next.get("atMs")).longValue();
            awaitShown(browser, at);
            stops.add((String) next.get("kind"));
            switch ((String) next.get("kind")) {
                case "chat" -> assertThat(browser.executeScript("return window.remoteSupport.chatLines")).asList()
                        .singleElement().asString().contains("It drips here");
                case "freeze", "markup" -> assertThat(browser.executeScript("return window.remoteSupport.frozenOn"))
                        .isEqualTo(snapshotId);
                case "unfreeze" -> assertThat(browser.executeScript("return window.remoteSupport.frozenOn")).isNull();
                case "end" -> assertThat((String) browser.executeScript("return window.remoteSupport.outcomeShown"))
                        .contains("Replacement").contains("Ship a new tank");
                default -> { }
            }
        }
        assertThat(stops).containsSubsequence("chat", "snapshot", "freeze", "markup", "unfreeze", "end");
        assertThat(browser.findElement(By.id("replay-frozen")).isDisplayed()).isFalse();
        AxeCheck.assertAccessible(browser, "the player with session events");
    }

    private static void awaitShown(ChromeDriver browser, long atMs) {
        HeadlessChromium.poll(browser, WITHIN, "the player at " + atMs + " ms", () -> {
            Object shownAt = browser.executeScript("const v = document.getElementById('recording-video');"
                    + " return v.seeking || v.readyState < 2 ? -1 : window.remoteSupport.markupsAtMs");
            return shownAt instanceof Number n && Math.abs(n.longValue() - atMs) <= 50;
        });
    }

    private void awaitRecordingFinished(String recordingId, String token) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode entry = json(get("/api/recordings/" + recordingId, token));
            if (!"recording".equals(entry.path("state").asText())) {
                assertThat(entry.path("state").asText()).isEqualTo("complete");
                assertThat(entry.path("outcome").asText()).isEqualTo("replacement");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the recording did not finish after the session ended");
    }

    // device pixels in the screenshot of a point of the snapshot's canvas (drawn at the picture's own size)
    private static int[] pixel(ChromeDriver browser, WebElement canvas, double x, double y) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) browser.executeScript("""
                const b = arguments[0].getBoundingClientRect();
                return {left: b.left, top: b.top, w: b.width, h: b.height, dpr: devicePixelRatio};""", canvas);
        double dpr = number(box, "dpr");
        return new int[] {(int) Math.round((number(box, "left") + x * number(box, "w")) * dpr),
                (int) Math.round((number(box, "top") + y * number(box, "h")) * dpr)};
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static byte[] greyPicture() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(WITHIN);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
