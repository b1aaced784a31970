package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.signaling.recording.LocalDiskRecordingStore;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.remotesupport.signaling.recording.RecordingService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The training library in headless Chromium. A trainee signs in, filters by a tag and an outcome and
 * sees exactly the recordings with both, then opens one in the player, which plays it and shows its
 * tags; a supervisor adds a tag and a note on the player page; the trainee then finds the recording by
 * the new tag and reads the note. Both pages pass axe, and the library fits a phone's width.
 *
 * <p>The recordings are put into the index directly (the library searches what the index holds; how
 * a session gets recorded is {@code RecordingEndToEndTest}'s and {@code PlayerBrowserTest}'s part),
 * and the one that is opened gets a short VP8 WebM made by Debian's ffmpeg, so the player has real
 * media to play.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@AutoConfigureObservability(tracing = false)
class LibraryBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String NOTE = "Note how she checks the gasket before the boiler";

    @LocalServerPort
    private int port;

    @Autowired
    private RecordingService recordings;

    @Autowired
    private RecordingIndex index;

    @Test
    void aTraineeFiltersByTagAndOutcomeAndReadsWhatASupervisorAdded(@TempDir Path profile) throws Exception {
        // ids of their own, so recordings other tests of this application left in the index stay apart
        String run = Long.toString(System.nanoTime(), 36);
        String matchOld = "lib" + run + "a";
        String matchNew = "lib" + run + "b";
        String otherOutcome = "lib" + run + "c";
        String otherTag = "lib" + run + "d";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        save(matchOld, "X200", "coffee-machines", "en", "ana", "Ana", now.minusSeconds(4000), "resolved_remotely",
                List.of("leak", "seal"));
        save(matchNew, "X200", "coffee-machines", "es", "li", "Li", now.minusSeconds(3000), "resolved_remotely",
                List.of("leak"));
        save(otherOutcome, "E-5", "e-bikes", "en", "ana", "Ana", now.minusSeconds(2000), "return", List.of("leak"));
        save(otherTag, "X200", "coffee-machines", "en", "li", "Li", now.minusSeconds(1000), "resolved_remotely",
                List.of("descaling"));
        writeMedia(matchOld);

        ChromeDriver browser = HeadlessChromium.start(profile, "1280,900");
        try {
            // the trainee: a tag and an outcome give exactly the recordings with both, newest first
            signIn(browser, "/library.html", "tia", "tia-demo");
            awaitSearched(browser);
            browser.findElement(By.id("filter-tags")).sendKeys("Leak");
            new Select(browser.findElement(By.id("filter-outcome"))).selectByValue("resolved_remotely");
            browser.findElement(By.id("search")).click();
            awaitListed(browser, List.of(matchNew, matchOld));
            assertThat(browser.findElement(By.id("result-count")).getText()).isEqualTo("2 recordings found.");
            WebElement card = card(browser, matchOld);
            assertThat(card.getText()).contains("X200 · coffee-machines", "Ana", "Resolved remotely", "0:03", "leak",
                    "seal");
            assertThat(browser.getCurrentUrl()).contains("tags=leak").contains("outcome=resolved_remotely");
            AxeCheck.assertAccessible(browser, "the training library with results");

            // at a phone's width every filter and card still fits without sideways scrolling
            browser.manage().window().setSize(new Dimension(HeadlessChromium.PHONE_WIDTH, HeadlessChromium.PHONE_HEIGHT));
            HeadlessChromium.poll(browser, WITHIN, "the page at phone width", () -> ((Number) browser.executeScript(
                    "return window.innerWidth")).intValue() <= HeadlessChromium.PHONE_WIDTH + 20);
            assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .intValue()).as("sideways overflow at phone width (px)").isLessThanOrEqualTo(0);
            HeadlessChromium.screenshot(browser, "library-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));

            // the trainee opens it in the player: it plays and shows its tags, but no editing tools
            card(browser, matchOld).findElement(By.partialLinkText("Watch")).click();
            awaitPlayable(browser, matchOld);
            assertThat(texts(browser, "#recording-tags .tag-name")).containsExactly("leak", "seal");
            assertThat(browser.findElement(By.id("librarian-tools")).isDisplayed()).isFalse();

            // a supervisor adds a tag and a note on the player page
            signOut(browser);
            signIn(browser, "/player.html?recording=" + matchOld, "sam", "sam-demo");
            awaitPlayable(browser, matchOld);
            browser.findElement(By.id("new-tag")).sendKeys("Gasket" + Keys.ENTER);
            HeadlessChromium.poll(browser, WITHIN, "the tag saved",
                    () -> texts(browser, "#recording-tags .tag-name").size() == 3);
            assertThat(texts(browser, "#recording-tags .tag-name")).containsExactly("leak", "seal", "gasket");
            assertThat(browser.findElements(By.cssSelector("#recording-tags button.remove-tag"))).hasSize(3);
            browser.findElement(By.id("new-note")).sendKeys(NOTE);
            browser.findElement(By.id("add-note")).click();
            HeadlessChromium.poll(browser, WITHIN, "the note saved",
                    () -> browser.findElement(By.id("recording-notes")).getText().contains(NOTE));
            AxeCheck.assertAccessible(browser, "the player with the supervisor's library panel");
            assertThat(index.find(matchOld).orElseThrow().tags()).containsExactly("leak", "seal", "gasket");

            // the trainee finds the recording by the new tag and reads the note
            signOut(browser);
            signIn(browser, "/library.html", "tia", "tia-demo");
            awaitSearched(browser);
            browser.findElement(By.id("filter-tags")).sendKeys("gasket" + Keys.ENTER);
            awaitListed(browser, List.of(matchOld));
            assertThat(card(browser, matchOld).getText()).contains("gasket").contains("(1 note)");
            card(browser, matchOld).findElement(By.partialLinkText("Watch")).click();
            awaitPlayable(browser, matchOld);
            String notes = browser.findElement(By.id("recording-notes")).getText();
            assertThat(notes).contains(NOTE).contains("Sam");
            assertThat(browser.findElement(By.id("librarian-tools")).isDisplayed()).isFalse();
            HeadlessChromium.screenshot(browser, "library-player-notes");
        } finally {
            browser.quit();
        }
    }

    private void save(String id, String product, String category, String language, String agent, String agentName,
                      Instant startedAt, String outcome, List<String> tags) {
        RecordingEntry.Consent consent = new RecordingEntry.Consent("c-" + id, "Customer", agent,
                startedAt.minusSeconds(5), startedAt.minusSeconds(1), true);
        index.save(new RecordingEntry(id, "s" + id, "t" + id, product, category, language, agent, agentName,
                List.of(agent), startedAt.minusSeconds(30), startedAt, startedAt.plusSeconds(3), 3_000, outcome,
                consent, RecordingEntry.COMPLETE, id + ".webm", "video/webm", 0, 320, 240, 0,
                "timelines/s" + id + ".json"));
        assertThat(index.setTags(id, tags)).isTrue();
    }

    /** Three seconds of ffmpeg's test picture as VP8 in WebM, where the store keeps this recording's media. */
    private void writeMedia(String id) throws Exception {
        Path directory = ((LocalDiskRecordingStore) recordings.store()).directory();
        Files.createDirectories(directory);
        Path file = directory.resolve(id + ".webm");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi",
                "-i", "testsrc=size=320x240:rate=15", "-t", "3", "-c:v", "libvpx", "-b:v", "200k", "-y",
                file.toString()).redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        assertThat(ffmpeg.exitValue()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();
    }

    private void signIn(ChromeDriver browser, String page, String username, String password) {
        browser.get("http://127.0.0.1:" + port + page);
        HeadlessChromium.signIn(browser, username, password);
    }

    private static void signOut(ChromeDriver browser) {
        browser.executeScript("sessionStorage.clear()");
    }

    private static void awaitSearched(ChromeDriver browser) {
        HeadlessChromium.poll(browser, WITHIN, "the library's first search", () -> Boolean.TRUE.equals(
                browser.executeScript("return window.remoteSupport.searches > 0 && !window.remoteSupport.loading")));
    }

    private static void awaitListed(ChromeDriver browser, List<String> ids) {
        HeadlessChromium.poll(browser, WITHIN, "the library to list " + ids, () -> ids.equals(browser.executeScript(
                "return window.remoteSupport.loading ? null : window.remoteSupport.recordingIds")));
    }

    private static void awaitPlayable(ChromeDriver browser, String id) {
        HeadlessChromium.poll(browser, WITHIN, "the player to load " + id, () -> Boolean.TRUE.equals(
                browser.executeScript("return window.remoteSupport.recordingId === arguments[0]"
                        + " && window.remoteSupport.ready", id)));
    }

    private static WebElement card(ChromeDriver browser, String id) {
        return browser.findElement(By.cssSelector("li.recording-card[data-recording-id='" + id + "']"));
    }

    // read in one script: the page redraws these lists, so element handles would go stale between calls
    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver browser, String selector) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.innerText.trim())", selector);
    }
}
