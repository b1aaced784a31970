package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.app.browser.HeadlessChromium.framesDecoded;
import static org.remotesupport.app.browser.HeadlessChromium.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.app.testsupport.DemoLogin;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A whole support session in real browsers: the customer opens an invite link and queues, the agent
 * accepts and sees the camera, draws an arrow, freezes the picture and writes in the chat, and the
 * customer's page shows each (markup model, the frozen still, the message); the customer answers; a
 * supervisor watches silently; each side reloads its page mid-session and is back in the session
 * with video, chat and the frozen still; the agent ends with an outcome and the customer sees the
 * end. Screenshots of each step go to {@code target/screenshots/session-*.png}.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// the same context configuration as the other application tests, so they share one started server
@AutoConfigureObservability(tracing = false)
class SupportSessionBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    // a language no other test of the shared server queues in
    private static final String LANGUAGE = "pt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    private ChromeDriver agent;
    private ChromeDriver customer;
    private ChromeDriver supervisor;

    @AfterEach
    void closeBrowsers() {
        for (ChromeDriver browser : new ChromeDriver[] {agent, customer, supervisor}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void aCustomerIsGuidedThroughAWholeSession(@TempDir Path agentProfile, @TempDir Path customerProfile,
                                               @TempDir Path supervisorProfile) throws Exception {
        agent = HeadlessChromium.start(agentProfile, "1360,1000");
        customer = HeadlessChromium.start(customerProfile, "412,915");
        // keeps every WebSocket the customer's page opens, so the test can cut one as a lost network would
        customer.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.openedSockets = [];
                window.WebSocket = class extends window.WebSocket {
                  constructor(...args) { super(...args); window.openedSockets.push(this); }
                };"""));

        // the agent goes online for Portuguese customers and sends one an invite link
        agent.get(base() + "/agent.html");
        HeadlessChromium.signIn(agent, "ana", "ana-demo");
        poll(agent, WITHIN, "the sign-in", () -> "ana".equals(agent.executeScript("return window.remoteSupport?.signedIn")) ? true : null);
        agent.findElement(By.id("languages")).clear();
        agent.findElement(By.id("languages")).sendKeys(LANGUAGE);
        agent.findElement(By.id("go-online")).click();
        poll(agent, WITHIN, "the agent online", () -> "available".equals(agent.executeScript("return window.remoteSupport?.presence")) ? true : null);
        String link = invite(DemoLogin.token(port, "ana", "ana-demo"));

        // the customer opens the link and starts; the offer rings; the agent accepts and sees the camera
        customer.get(link);
        customer.findElement(By.id("start")).click();
        poll(agent, WITHIN, "the offer", () -> agent.findElement(By.id("offer-panel")).isDisplayed() ? true : null);
        HeadlessChromium.screenshot(agent, "session-1-agent-offer");
        agent.findElement(By.id("accept")).click();
        poll(agent, WITHIN, "the customer's video", () -> framesDecoded(agent) > 0 ? true : null);
        poll(customer, WITHIN, "the customer live", () -> "live".equals(customer.executeScript("return window.remoteSupport?.state")) ? true : null);
        assertThat(customer.findElement(By.id("agent-name")).getText()).isEqualTo("Ana is helping you");
        assertThat(agent.findElement(By.id("ticket-fields")).getText()).contains("PT-7781", "espresso-2");

        // the agent draws an arrow (keyboard shortcuts pick the tool): the customer's overlay has it
        poll(agent, WITHIN, "the console's markup channel", () -> agent.executeScript("return window.remoteSupport?.pictureRect()"));
        new Actions(agent).sendKeys("r").perform();
        assertThat((Object) agent.executeScript("return window.remoteSupport?.tool")).isEqualTo("rectangle");
        new Actions(agent).sendKeys("a").perform();
        assertThat((Object) agent.executeScript("return window.remoteSupport?.tool")).isEqualTo("arrow");
        drawArrow(agent);
        List<Map<String, Object>> markups = poll(customer, WITHIN, "the arrow on the customer's page", () -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> seen = (List<Map<String, Object>>) customer.executeScript("return window.remoteSupport?.markups");
            return seen.isEmpty() ? null : seen;
        });
        assertThat(markups.get(0)).containsEntry("type", "arrow");

        // freeze: the customer's page shows the still under the markups
        agent.findElement(By.id("freeze")).click();
        String snapshot = poll(customer, WITHIN, "the frozen still on the customer's page",
                () -> Boolean.TRUE.equals(customer.executeScript("return window.remoteSupport?.session?.stillShown"))
                        ? (String) customer.executeScript("return window.remoteSupport?.session?.frozen") : null);
        assertThat((Object) agent.executeScript("return window.remoteSupport?.snapshots")).asList().containsExactly(snapshot);
        assertThat(customer.findElement(By.id("frozen-note")).isDisplayed()).isTrue();

        // chat both ways, with a quick reply
        agent.findElement(By.cssSelector("#chat-panel .chat-input")).sendKeys("Olá! Is the red light on?", Keys.ENTER);
        poll(customer, WITHIN, "the agent's message", () -> chatTexts(customer).contains("Olá! Is the red light on?") ? true : null);
        customer.findElement(By.cssSelector("#chat .chat-input")).sendKeys("Yes, it blinks", Keys.ENTER);
        poll(agent, WITHIN, "the customer's answer", () -> chatTexts(agent).contains("Yes, it blinks") ? true : null);
        agent.findElement(By.cssSelector("#chat-panel .chat-quick button")).click();
        poll(customer, WITHIN, "the quick reply", () -> chatTexts(customer).size() == 3 ? true : null);
        agent.findElement(By.id("note-text")).sendKeys("Red light blinks: pump error", Keys.ENTER);
        poll(agent, WITHIN, "the ticket note", () -> ((List<?>) agent.executeScript("return window.remoteSupport?.notes")).size() == 1 ? true : null);
        HeadlessChromium.screenshot(agent, "session-2-agent-frozen-markup-chat");
        AxeCheck.assertAccessible(agent, "the agent console in a session, frozen, with chat");
        HeadlessChromium.screenshot(customer, "session-3-customer-frozen-markup-chat");
        AxeCheck.assertAccessible(customer, "the customer page frozen, with chat");

        // a supervisor watches silently: video and markups, and the customer is not told
        supervisor = HeadlessChromium.start(supervisorProfile, "1280,860");
        supervisor.get(base() + "/supervisor.html");
        HeadlessChromium.signIn(supervisor, "sam", "sam-demo");
        // the list is read again every few seconds: rows are looked up afresh each time; other tests of
        // the shared server may have sessions of Ana's too, so the row is found by this ticket's product
        String row = poll(supervisor, WITHIN, "the session in the live list", () -> (String) supervisor.executeScript(
                "const row = [...document.querySelectorAll('#live-rows tr')].find(r => r.textContent.includes('espresso-2'));"
                        + " return row ? row.dataset.sessionId + '|' + row.innerText : null"));
        String sessionId = row.substring(0, row.indexOf('|'));
        assertThat(row).contains("Ana", LANGUAGE, "espresso-2").containsPattern("\\d+:\\d\\d");
        HeadlessChromium.screenshot(supervisor, "session-4-supervisor-live-list");
        AxeCheck.assertAccessible(supervisor, "the supervisor's live list");
        supervisor.executeScript("document.querySelector(`#live-rows tr[data-session-id='${arguments[0]}'] button`).click()",
                sessionId);
        poll(supervisor, WITHIN, "the customer's video for the supervisor", () -> framesDecoded(supervisor) > 0 ? true : null);
        poll(supervisor, WITHIN, "the markups for the supervisor",
                () -> ((List<?>) supervisor.executeScript("return window.remoteSupport?.markups")).size() == 1 ? true : null);
        assertThat((Object) supervisor.executeScript("return window.remoteSupport?.frozen")).isEqualTo(snapshot);
        HeadlessChromium.screenshot(supervisor, "session-5-supervisor-watching");
        AxeCheck.assertAccessible(supervisor, "the supervisor watching a session");
        supervisor.findElement(By.id("end")).click();
        poll(supervisor, WITHIN, "the supervisor back at the list", () -> supervisor.findElement(By.id("overview")).isDisplayed() ? true : null);

        // the customer's network drops the signaling connection (not a normal close): the page reconnects by
        // itself into the same session, the video goes on, and the chat works again
        long beforeDrop = framesDecoded(agent);
        customer.executeScript("window.openedSockets.filter((s) => s.url.endsWith('/ws') && s.readyState === 1)"
                + ".forEach((s) => s.close(4999, 'network lost'))");
        poll(customer, WITHIN, "the customer's page to resume its place", () -> timeline(customer).contains("signaling:resumed") ? true : null);
        assertThat(timeline(customer)).contains("signaling:lost");
        poll(customer, WITHIN, "the customer live again", () -> "live".equals(customer.executeScript("return window.remoteSupport?.state")) ? true : null);
        customer.findElement(By.cssSelector("#chat .chat-input")).sendKeys("Back again", Keys.ENTER);
        poll(agent, WITHIN, "the customer's chat after the drop", () -> chatTexts(agent).contains("Back again") ? true : null);
        poll(agent, WITHIN, "the customer's video after the drop", () -> framesDecoded(agent) > beforeDrop + 10 ? true : null);

        // the customer's page reloads mid-session: it is back, frozen, with the chat, and sends video again
        customer.navigate().refresh();
        poll(customer, WITHIN, "the customer back live", () -> "live".equals(customer.executeScript("return window.remoteSupport?.state")) ? true : null);
        poll(customer, WITHIN, "the still after the reload",
                () -> Boolean.TRUE.equals(customer.executeScript("return window.remoteSupport?.session?.stillShown")) ? true : null);
        assertThat(chatTexts(customer)).contains("Olá! Is the red light on?", "Yes, it blinks");
        long before = framesDecoded(agent);
        poll(agent, WITHIN, "the customer's video after its reload", () -> framesDecoded(agent) > before + 10 ? true : null);
        HeadlessChromium.screenshot(customer, "session-6-customer-after-reload");

        // the agent's page reloads: back in the session with video, chat, snapshots and the frozen still
        agent.navigate().refresh();
        poll(agent, WITHIN, "the console back in the session",
                () -> framesDecoded(agent) > 0 && snapshot.equals(agent.executeScript("return window.remoteSupport?.frozen")) ? true : null);
        poll(agent, WITHIN, "the chat after the reload", () -> chatTexts(agent).size() == 4 ? true : null);
        poll(agent, WITHIN, "the snapshots after the reload",
                () -> ((List<?>) agent.executeScript("return window.remoteSupport?.snapshots")).size() == 1 ? true : null);
        HeadlessChromium.screenshot(agent, "session-7-agent-after-reload");

        // back to live, then the end with an outcome
        agent.findElement(By.id("freeze")).click();
        poll(customer, WITHIN, "the live picture again", () -> customer.executeScript("return window.remoteSupport?.session?.frozen") == null ? true : null);
        agent.findElement(By.id("end")).click();
        agent.findElement(By.cssSelector("#end-form input[value='resolved_remotely']")).click();
        agent.findElement(By.id("end-note")).sendKeys("Pump primed; works.");
        HeadlessChromium.screenshot(agent, "session-8-agent-outcome");
        AxeCheck.assertAccessible(agent, "the agent's end dialog");
        agent.findElement(By.id("end-confirm")).click();
        poll(customer, WITHIN, "the customer's call to end", () -> "ended".equals(customer.executeScript("return window.remoteSupport?.state")) ? true : null);
        assertThat(customer.findElement(By.id("ended")).getText()).contains("ended the call");
        assertThat((Object) agent.executeScript("return window.remoteSupport?.outcome")).isEqualTo("resolved_remotely");
        HeadlessChromium.screenshot(customer, "session-9-customer-ended");
        assertThat((Object) customer.executeScript("return window.remoteSupport?.errors")).asList().isEmpty();
        assertThat((Object) agent.executeScript("return window.remoteSupport?.errors")).asList().isEmpty();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** An invite link bound to a ticket for Ana, as a shop's integration or the console makes one. */
    private String invite(String token) throws Exception {
        String body = JSON.writeValueAsString(Map.of("orderNumber", "PT-7781", "product", "espresso-2",
                "category", "coffee-machines", "language", LANGUAGE, "agent", "ana"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "/api/invites")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(response.body());
        return json.get("link").asText();
    }

    private static void drawArrow(ChromeDriver browser) {
        WebElement canvas = browser.findElement(By.id("markup-canvas"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rect = (Map<String, Object>) browser.executeScript("return window.remoteSupport?.pictureRect()");
        int[] tail = offset(canvas, rect, 0.3, 0.35);
        int[] head = offset(canvas, rect, 0.6, 0.6);
        new Actions(browser).moveToElement(canvas, tail[0], tail[1]).clickAndHold()
                .moveToElement(canvas, (tail[0] + head[0]) / 2, (tail[1] + head[1]) / 2)
                .moveToElement(canvas, head[0], head[1]).release().perform();
    }

    private static int[] offset(WebElement canvas, Map<String, Object> rect, double x, double y) {
        double px = ((Number) rect.get("x")).doubleValue() + x * ((Number) rect.get("width")).doubleValue();
        double py = ((Number) rect.get("y")).doubleValue() + y * ((Number) rect.get("height")).doubleValue();
        return new int[] {(int) Math.round(px - canvas.getRect().getWidth() / 2.0),
                (int) Math.round(py - canvas.getRect().getHeight() / 2.0)};
    }

    @SuppressWarnings("unchecked")
    /** The events of the page's call so far, by name. */
    private static List<String> timeline(ChromeDriver browser) {
        List<?> events = (List<?>) browser.executeScript("return (window.remoteSupport?.timeline ?? []).map((e) => e.event)");
        return events.stream().map(String::valueOf).toList();
    }

    private static List<String> chatTexts(ChromeDriver browser) {
        Object chat = browser.executeScript("const r = window.remoteSupport;"
                + " const c = r.session ? r.session.chat : r.chat; return (c || []).map(m => m.text ?? m);");
        return (List<String>) chat;
    }


}
