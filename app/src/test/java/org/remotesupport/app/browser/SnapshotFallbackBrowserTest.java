package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.app.browser.HeadlessChromium.framesDecoded;
import static org.remotesupport.app.browser.HeadlessChromium.poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.testsupport.net.NetworkNamespace;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The snapshot fallback behind a real, impaired uplink. The customer's phone is headless Chromium
 * (and its chromedriver) running inside a network namespace, so every packet it sends crosses the
 * namespace's veth link to the server, whose relay advertises the host's end of that link; the agent's
 * console is headless Chromium on the host. Nothing is injected into the pages: the relay measures
 * what arrives of the customer's video, the server decides, both pages follow its
 * {@code media.fallback}. First a 100 kbit/s token bucket on the customer's uplink must switch both
 * pages to photos, a photo from the phone must reach the agent's console (shown large, frozen on) and
 * "Take a photo" must bring another; lifting the cap must bring both pages back to live video that
 * the agent decodes at more than the photo mode's tiny size. Then 25 % random loss of the customer's
 * UDP (nftables) must switch to photos again and its removal back to video. Engage and disengage times
 * are printed (docs/performance.md); the deadlines are generous because the machine may be busy.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
class SnapshotFallbackBrowserTest {

    private static final NetworkNamespace LINK = createLink();
    private static final int CAP_KBPS = 100;
    private static final int QUEUE_MILLIS = 500;
    private static final int LOSS_PERCENT = 25;
    // the server waits 3 s below its thresholds; the sender needs a few seconds to drain its queue first
    private static final Duration ENGAGE_WITHIN = Duration.ofSeconds(30);
    // the phone probes with full video for 15 s every 21 s; the server wants 5 s above its thresholds
    private static final Duration DISENGAGE_WITHIN = Duration.ofSeconds(60);
    // a photo of a few tens of kilobytes through 100 kbit/s, with the audio and the tiny video beside it
    private static final Duration PHOTO_WITHIN = Duration.ofSeconds(45);
    private static final String PHOTO_NOTICE = "Your connection is weak — sending photos instead of video";

    @LocalServerPort
    private int port;

    private static NetworkNamespace createLink() {
        try {
            return NetworkNamespace.create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void relayOnTheLink(DynamicPropertyRegistry registry) {
        registry.add("remote-support.relay.bind-address", () -> "0.0.0.0");
        registry.add("remote-support.relay.advertised-addresses", LINK::hostAddress);
    }

    @AfterAll
    static void removeLink() {
        LINK.close();
    }

    @Test
    void photosReplaceVideoUnderAPoorUplinkAndVideoReturnsWhenItRecovers(@TempDir Path agentProfile,
                                                                          @TempDir Path customerProfile)
            throws Exception {
        String origin = "http://" + LINK.hostAddress() + ":" + port;
        ChromeDriver agent = HeadlessChromium.start(agentProfile, "1280,860");
        try (HeadlessChromium.NamespacedBrowser phone = HeadlessChromium.startInNamespace(LINK, customerProfile,
                "412,860", origin)) {
            RemoteWebDriver customer = phone.driver();
            try {
                signIn(agent);
                agent.findElement(By.id("create")).click();
                String link = poll(agent, Duration.ofSeconds(10), "the session's customer link",
                        () -> (String) agent.executeScript("return window.remoteSupport.link"));
                customer.get(link.replace("http://localhost:" + port, origin));
                customer.findElement(By.id("start")).click();
                poll(agent, Duration.ofSeconds(30), "the agent to decode the customer's video",
                        () -> framesDecoded(agent) > 30 ? true : null);
                assertThat(mode(customer, "fallback")).isEqualTo("video");
                assertThat(agent.findElement(By.id("photo-badge")).isDisplayed()).isFalse();

                // a capped uplink: both pages switch to photos, a photo arrives, the agent asks for another
                LINK.limitUplink(CAP_KBPS, QUEUE_MILLIS);
                long capped = System.nanoTime();
                Map<String, Object> fallback = awaitMode(agent, customer, "snapshots", ENGAGE_WITHIN,
                        "photos under the " + CAP_KBPS + " kbit/s cap");
                long engagedMillis = millisSince(capped);
                assertThat(customer.findElement(By.id("photo-mode")).isDisplayed()).isTrue();
                assertThat(customer.findElement(By.id("photo-mode")).getText()).contains(PHOTO_NOTICE);
                assertThat(agent.findElement(By.id("photo-badge")).getText()).startsWith("Poor connection — photos");
                poll(agent, PHOTO_WITHIN, "a photo from the phone to be shown large on the console",
                        () -> !snapshots(agent).isEmpty()
                                && Boolean.TRUE.equals(agent.executeScript("return window.remoteSupport.stillShown"))
                                ? true : null);
                long photoMillis = millisSince(capped);
                // (no screenshot of the phone here: chromedriver's answers would cross the capped link too)
                HeadlessChromium.screenshot(agent, "fallback-agent-photos");
                int photos = snapshots(agent).size();
                agent.findElement(By.id("take-photo")).click();
                long asked = System.nanoTime();
                poll(agent, PHOTO_WITHIN, "the photo the agent asked for",
                        () -> snapshots(agent).size() > photos ? true : null);
                long askedMillis = millisSince(asked);
                Map<String, Object> phoneState = fallback(customer);
                assertThat(((Number) phoneState.get("photosSent")).intValue()).isGreaterThan(photos);

                // the cap goes: both pages return to live video, which the agent decodes at more than the tiny size
                LINK.clearLimits();
                long cleared = System.nanoTime();
                awaitMode(agent, customer, "video", DISENGAGE_WITHIN, "video once the cap is gone");
                long disengagedMillis = millisSince(cleared);
                assertThat(customer.findElement(By.id("photo-mode")).isDisplayed()).isFalse();
                assertThat(agent.findElement(By.id("photo-badge")).isDisplayed()).isFalse();
                long decoded = framesDecoded(agent);
                poll(agent, Duration.ofSeconds(20), "the agent to decode live video again",
                        () -> framesDecoded(agent) > decoded + 30 ? true : null);
                poll(agent, Duration.ofSeconds(20), "the live picture to be larger than the photo mode's stream",
                        () -> videoWidth(agent) > 160
                                && Boolean.FALSE.equals(agent.executeScript("return window.remoteSupport.stillShown"))
                                ? true : null);

                // random loss on the customer's UDP: photos again, and video once it stops
                LINK.dropUplinkUdp(LOSS_PERCENT);
                long lossy = System.nanoTime();
                Map<String, Object> lossFallback = awaitMode(agent, customer, "snapshots", ENGAGE_WITHIN,
                        "photos under " + LOSS_PERCENT + " % loss");
                long lossEngagedMillis = millisSince(lossy);
                LINK.clearLoss();
                long clean = System.nanoTime();
                awaitMode(agent, customer, "video", DISENGAGE_WITHIN, "video once the loss is gone");
                long lossDisengagedMillis = millisSince(clean);

                System.out.printf("snapshot fallback: %d kbit/s cap -> photos after %d ms (%s), first photo shown after %d ms,"
                                + " a photo arrived %d ms after \"Take a photo\" (phone: %s); cap lifted -> video after %d ms;"
                                + " %d %% loss -> photos after %d ms (%s); loss removed -> video after %d ms%n",
                        CAP_KBPS, engagedMillis, fallback, photoMillis, askedMillis, phoneState, disengagedMillis,
                        LOSS_PERCENT, lossEngagedMillis, lossFallback, lossDisengagedMillis);
                System.out.println("phone's timeline: " + customer.executeScript("return JSON.stringify(window.remoteSupport.timeline)"));
                System.out.println("console's timeline: " + agent.executeScript("return JSON.stringify(window.remoteSupport.timeline)"));
                assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
                assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
            } finally {
                HeadlessChromium.screenshot(agent, "fallback-agent");
                HeadlessChromium.screenshot(customer, "fallback-customer");
            }
        } finally {
            LINK.clearLimits();
            LINK.clearLoss();
            agent.quit();
        }
    }

    /** Waits until both pages show {@code mode}; returns what the agent's console was told. */
    private static Map<String, Object> awaitMode(ChromeDriver agent, RemoteWebDriver customer, String mode,
                                                 Duration within, String what) {
        long start = System.nanoTime();
        poll(customer, within, "the phone to switch to " + what,
                () -> mode.equals(mode(customer, "fallback")) ? true : null);
        Duration left = within.minusNanos(System.nanoTime() - start);
        poll(agent, left.isNegative() ? Duration.ofSeconds(1) : left, "the console to switch to " + what,
                () -> mode.equals(mode(agent, "customerPicture")) ? true : null);
        return customerPicture(agent);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fallback(RemoteWebDriver page) {
        return (Map<String, Object>) page.executeScript("return window.remoteSupport.fallback");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> customerPicture(RemoteWebDriver page) {
        return (Map<String, Object>) page.executeScript("return window.remoteSupport.customerPicture");
    }

    private static String mode(RemoteWebDriver page, String property) {
        return (String) page.executeScript("return window.remoteSupport." + property + "?.mode ?? null");
    }

    @SuppressWarnings("unchecked")
    private static List<String> snapshots(ChromeDriver agent) {
        return (List<String>) agent.executeScript("return window.remoteSupport.snapshots");
    }

    private static long videoWidth(ChromeDriver agent) {
        return ((Number) agent.executeScript("return document.getElementById('remote-video').videoWidth")).longValue();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Opens the console and signs in as the demo agent, as a person would. */
    private void signIn(ChromeDriver browser) {
        browser.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(browser, "ana", "ana-demo");
        poll(browser, Duration.ofSeconds(10), "the console to show the agent is signed in",
                () -> "ana".equals(browser.executeScript("return window.remoteSupport.signedIn")) ? true : null);
    }
}
