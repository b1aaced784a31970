package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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
 * A session between two libwebrtc peers is recorded while the agent draws a green arrow over the
 * customer's video about a second and a half in (through the annotation service's WebSocket, as the
 * console does). A trainee opens the recording in the player page: before the arrow's time the page
 * shows no markup and the screenshot has no green at its place; from its marker on, the page's model
 * has the arrow at the normalised points it was drawn at and the screenshot shows its colour at the
 * mapped spot of the picture. A customer cannot read the recording's timeline; the page passes axe.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class PlayerBrowserTest {

    private static final Duration NEGOTIATION = Duration.ofSeconds(10);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<Double>> ARROW = List.of(List.of(0.3, 0.4), List.of(0.6, 0.4));

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePlayerShowsTheArrowWhereAndWhenItWasDrawn(@TempDir Path profile) throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        String recordingId;
        String customerToken;
        try (SignalingClient agentSignaling = SignalingClient.connect(ws, "agent");
             SignalingClient customerSignaling = SignalingClient.connect(ws, "customer");
             WebRtcPeer agent = new WebRtcPeer("agent", UplinkMedia.audioOnly());
             WebRtcPeer customer = new WebRtcPeer("customer", UplinkMedia.audioAndVideo(VideoFormat.VGA_30))) {
            ServerMessage.Welcome agentWelcome = agentSignaling.hello(DemoLogin.token(port, "ana", "ana-demo"), null);
            ServerMessage.SessionCreated session = agentSignaling.createSession();
            customerToken = customerSignaling.hello(DemoLogin.inviteToken(session.link()), "Customer").token();
            customerSignaling.joinSession();
            String sessionId = session.sessionId();

            try (MediaNegotiation agentMedia = MediaNegotiation.start(agentSignaling, agent, sessionId, NEGOTIATION);
                 MediaNegotiation customerMedia =
                         MediaNegotiation.start(customerSignaling, customer, sessionId, NEGOTIATION);
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

                // the content: 1.5 s of video, then the arrow, then 2.5 s more
                Thread.sleep(1_500);
                annotations.op("""
                        {"type":"op","opId":"o1","kind":"add","markup":{"id":"m1","type":"arrow","color":"#00ff00",
                         "width":16,"points":[[0.3,0.4],[0.6,0.4]],"anchor":{"track":"video","frameTs":0}}}""");
                double drawnAt = (System.nanoTime() - startNanos) / 1e6;
                Thread.sleep(2_500);
                agentSignaling.request(new ClientMessage.RecordingStop(agentSignaling.nextId(), sessionId),
                        ServerMessage.RecordingStopped.class, WITHIN);
                assertThat(agentMedia.failures()).isEmpty();
                assertThat(customerMedia.failures()).isEmpty();

                // the timeline on the recording's clock: the arrow about where the test drew it
                JsonNode entry = json(get("/api/recordings/" + recordingId, DemoLogin.token(port, "tia", "tia-demo")));
                JsonNode timeline = json(get("/api/recordings/" + recordingId + "/timeline",
                        DemoLogin.token(port, "tia", "tia-demo")));
                long shift = entry.path("startedAt").asLong() - entry.path("sessionStartedAt").asLong();
                long arrowAt = timeline.path("entries").get(0).path("offsetMs").asLong() - shift;
                assertThat((double) arrowAt).as("the arrow on the recording's clock (ms)")
                        .isCloseTo(drawnAt, Offset.offset(700.0));
                // a customer, even of this very session, reads no timeline
                assertThat(get("/api/recordings/" + recordingId + "/timeline", customerToken).statusCode()).isEqualTo(403);
                assertThat(get("/api/recordings/" + recordingId + "/timeline", null).statusCode()).isEqualTo(401);

                ChromeDriver browser = HeadlessChromium.start(profile, "1280,900");
                try {
                    replay(browser, recordingId, arrowAt);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private void replay(ChromeDriver browser, String recordingId, long arrowAt) {
        browser.get("http://127.0.0.1:" + port + "/player.html?recording=" + recordingId);
        HeadlessChromium.signIn(browser, "tia", "tia-demo");
        HeadlessChromium.poll(browser, WITHIN, "the recording to load",
                () -> Boolean.TRUE.equals(browser.executeScript("return window.remoteSupport.ready")));
        assertThat(browser.findElement(By.id("markers")).getText()).contains("Arrow 1").contains("End");

        // before the arrow was drawn: nothing on the page, nothing green on screen
        long before = Math.max(0, arrowAt - 800);
        browser.executeScript("const s = document.getElementById('seek'); s.value = arguments[0];"
                + " s.dispatchEvent(new Event('input'));", before);
        awaitShown(browser, before);
        assertThat(browser.executeScript("return window.remoteSupport.visibleMarkups")).asList().isEmpty();
        assertThat(greenNear(screenshot(browser), pixel(browser, 0.45, 0.4))).as("green before the arrow").isFalse();

        // "next marker" jumps to the arrow: on the page at the drawn points and on screen in its colour
        browser.findElement(By.id("next-marker")).click();
        awaitShown(browser, arrowAt);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) browser.executeScript(
                "return window.remoteSupport.visibleMarkups");
        assertThat(shown).singleElement().satisfies(m -> {
            assertThat(m.get("type")).isEqualTo("arrow");
            assertThat(m.get("color")).isEqualTo("#00ff00");
            assertThat(m.get("points")).isEqualTo(ARROW);
        });
        HeadlessChromium.screenshot(browser, "player-arrow");
        assertThat(greenNear(screenshot(browser), pixel(browser, 0.45, 0.4))).as("the arrow's green on screen").isTrue();
        assertThat(greenNear(screenshot(browser), pixel(browser, 0.45, 0.7))).as("green away from the arrow").isFalse();

        // the speed control sets the video's rate
        browser.executeScript("const s = document.getElementById('speed'); s.value = '1.5';"
                + " s.dispatchEvent(new Event('change'));");
        assertThat(((Number) browser.executeScript("return window.remoteSupport.playbackRate")).doubleValue())
                .isEqualTo(1.5);
        AxeCheck.assertAccessible(browser, "the player page");
    }

    private static void awaitShown(ChromeDriver browser, long atMs) {
        HeadlessChromium.poll(browser, WITHIN, "the player at " + atMs + " ms", () -> {
            Object shownAt = browser.executeScript("const v = document.getElementById('recording-video');"
                    + " return v.seeking || v.readyState < 2 ? -1 : window.remoteSupport.markupsAtMs");
            return shownAt instanceof Number n && Math.abs(n.longValue() - atMs) <= 50;
        });
    }

    // device pixels in the screenshot of a picture point: the video's box, letterboxed by object-fit: contain
    private static int[] pixel(ChromeDriver browser, double x, double y) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) browser.executeScript("""
                const v = document.getElementById('recording-video'); const b = v.getBoundingClientRect();
                return {left: b.left, top: b.top, w: b.width, h: b.height, vw: v.videoWidth, vh: v.videoHeight,
                        dpr: devicePixelRatio};""");
        double w = number(v, "w");
        double h = number(v, "h");
        double scale = Math.min(w / number(v, "vw"), h / number(v, "vh"));
        double pw = number(v, "vw") * scale;
        double ph = number(v, "vh") * scale;
        double px = number(v, "left") + (w - pw) / 2 + x * pw;
        double py = number(v, "top") + (h - ph) / 2 + y * ph;
        return new int[] {(int) Math.round(px * number(v, "dpr")), (int) Math.round(py * number(v, "dpr"))};
    }

    static boolean greenNear(BufferedImage image, int[] at) {
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                int x = at[0] + dx;
                int y = at[1] + dy;
                if (x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) {
                    continue;
                }
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 60 && ((rgb >> 8) & 0xff) > 200 && (rgb & 0xff) < 60) {
                    return true;
                }
            }
        }
        return false;
    }

    static BufferedImage screenshot(ChromeDriver browser) {
        try {
            return ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
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
