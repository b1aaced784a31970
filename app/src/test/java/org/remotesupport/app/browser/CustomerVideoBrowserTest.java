package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.app.browser.HeadlessChromium.framesDecoded;
import static org.remotesupport.app.browser.HeadlessChromium.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.remotesupport.app.RemoteSupportApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The walking skeleton in real browsers: an agent opens a session in one headless Chromium, a
 * customer opens the link in another, and the customer's (fake) camera plays in the agent's
 * console through the embedded relay on loopback, the agent's microphone reaches the customer, and
 * ending the session ends it on the phone too. Screenshots of both pages go to
 * {@code target/screenshots/}.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// metrics export is off in tests unless asked for; both application tests ask, so they share one context
@AutoConfigureObservability(tracing = false)
class CustomerVideoBrowserTest {

    private static final Duration JOIN_TO_VIDEO = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    private ChromeDriver agent;
    private ChromeDriver customer;

    @AfterEach
    void closeBrowsers() {
        if (agent != null) {
            agent.quit();
        }
        if (customer != null) {
            customer.quit();
        }
    }

    @Test
    void agentSeesTheCustomersCamera(@TempDir Path agentProfile, @TempDir Path customerProfile) {
        agent = HeadlessChromium.start(agentProfile, "1280,860");
        customer = HeadlessChromium.start(customerProfile, "412,860");
        boolean live = false;
        try {
            signIn(agent);
            agent.findElement(By.id("create")).click();
            String link = poll(agent, Duration.ofSeconds(10), "the session's customer link",
                    () -> (String) agent.executeScript("return window.remoteSupport.link"));
            assertThat(link).startsWith("http://localhost:" + port + "/s/");
            assertThat(agent.findElement(By.id("link")).getAttribute("value")).isEqualTo(link);

            customer.get(link);
            assertThat(customer.findElement(By.id("intro")).getText()).contains("Camera", "Microphone");
            HeadlessChromium.screenshot(customer, "customer-before-start");
            customer.findElement(By.id("start")).click();
            Instant joined = Instant.now();

            poll(agent, remaining(joined), "the customer's video to have a size", () -> (Long) agent.executeScript(
                    "const width = document.getElementById('remote-video').videoWidth; return width > 0 ? width : null"));
            long decoded = framesDecoded(agent);
            poll(agent, remaining(joined), "decoded frames to rise past " + decoded,
                    () -> framesDecoded(agent) > decoded ? true : null);
            Duration joinToVideo = Duration.between(joined, Instant.now());
            System.out.printf("customer start to agent decoding video: %d ms%ncustomer: %s%nagent: %s%n",
                    joinToVideo.toMillis(),
                    customer.executeScript("return JSON.stringify(window.remoteSupport.timeline)"),
                    agent.executeScript("return JSON.stringify(window.remoteSupport.timeline)"));

            poll(customer, Duration.ofSeconds(5), "the customer page to show it is live",
                    () -> "live".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);
            assertThat(customer.findElement(By.id("status")).getText()).isEqualTo("Live");
            poll(customer, Duration.ofSeconds(5), "the agent's voice to reach the customer",
                    () -> audioPacketsReceived(customer) > 0 ? true : null);
            assertThat(agent.findElement(By.id("customer-status")).getText()).isEqualTo("Customer joined");
            assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
            assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
            assertThat(joinToVideo).isLessThanOrEqualTo(JOIN_TO_VIDEO);
            // the phone grades its network from the peer connection's statistics, in words
            String level = poll(customer, Duration.ofSeconds(10), "the network indicator to grade the link",
                    () -> (String) customer.executeScript(
                            "const n = window.remoteSupport.network; return n && n.level !== 'unknown' ? n.level : null"));
            assertThat(level).as("loopback").isIn("good", "fair");
            assertThat(customer.findElement(By.id("network-text")).getText()).matches("(Good|Fair) connection · delay \\d+ ms.*");
            assertThat(customer.findElement(By.id("agent-name")).getText()).isEqualTo("Ana is helping you");
            HeadlessChromium.screenshot(agent, "agent-console");
            HeadlessChromium.screenshot(customer, "customer-page");
            AxeCheck.assertAccessible(customer, "customer page in a call");
            live = true;

            agent.findElement(By.id("end")).click();
            // ending asks for the outcome
            agent.findElement(By.cssSelector("#end-form input[value='resolved_remotely']")).click();
            agent.findElement(By.id("end-confirm")).click();
            poll(customer, Duration.ofSeconds(5), "the customer page to show the call ended",
                    () -> "ended".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);
            assertThat(customer.findElement(By.id("ended")).getText()).contains("ended the call");
            assertThat((Object) agent.executeScript("return window.remoteSupport.state")).isEqualTo("ended");
            assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
            assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
        } finally {
            if (!live) {
                HeadlessChromium.screenshot(agent, "agent-console");
                HeadlessChromium.screenshot(customer, "customer-page");
            }
        }
    }

    @Test
    void customerEndingTheCallIsShownToTheAgent(@TempDir Path agentProfile, @TempDir Path customerProfile) {
        agent = HeadlessChromium.start(agentProfile, "1280,860");
        customer = HeadlessChromium.start(customerProfile, "412,860");
        signIn(agent);
        agent.findElement(By.id("create")).click();
        String link = poll(agent, Duration.ofSeconds(10), "the session's customer link",
                () -> (String) agent.executeScript("return window.remoteSupport.link"));
        customer.get(link);
        customer.findElement(By.id("start")).click();
        poll(customer, Duration.ofSeconds(10), "the customer page to go live",
                () -> "live".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);

        customer.findElement(By.id("end")).click();
        // the phone asks before it hangs up: a tap by mistake must not end the call
        assertThat(customer.findElement(By.id("confirm-end")).isDisplayed()).isTrue();
        customer.findElement(By.id("confirm-end-yes")).click();

        poll(agent, Duration.ofSeconds(5), "the console to show the customer left",
                () -> "left".equals(agent.executeScript("return window.remoteSupport.customer")) ? true : null);
        assertThat(agent.findElement(By.id("placeholder")).getText()).isEqualTo("The customer left the call.");
        assertThat((Object) customer.executeScript("return window.remoteSupport.state")).isEqualTo("ended");
        assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
        assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
    }

    /** Opens the console and signs in as the demo agent, as a person would. */
    private void signIn(ChromeDriver browser) {
        browser.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(browser, "ana", "ana-demo");
        poll(browser, Duration.ofSeconds(10), "the console to show the agent is signed in",
                () -> "ana".equals(browser.executeScript("return window.remoteSupport.signedIn")) ? true : null);
        assertThat(browser.findElement(By.id("signed-in")).getText()).contains("Ana");
    }

    @Test
    void aWrongPasswordIsRefusedOnTheConsole(@TempDir Path agentProfile) {
        agent = HeadlessChromium.start(agentProfile, "1280,860");
        agent.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(agent, "ana", "not-her-password");

        poll(agent, Duration.ofSeconds(10), "the console to say the sign-in failed",
                () -> agent.findElement(By.id("error")).isDisplayed() ? true : null);
        assertThat(agent.findElement(By.id("error")).getText()).isEqualTo("Wrong username or password.");
        assertThat(agent.findElement(By.id("setup")).isDisplayed()).isFalse();
    }

    @Test
    void aUsedLinkOpensAPageThatSaysSo(@TempDir Path agentProfile, @TempDir Path customerProfile,
                                       @TempDir Path otherProfile) {
        agent = HeadlessChromium.start(agentProfile, "1280,860");
        customer = HeadlessChromium.start(customerProfile, "412,860");
        signIn(agent);
        agent.findElement(By.id("create")).click();
        String link = poll(agent, Duration.ofSeconds(10), "the session's customer link",
                () -> (String) agent.executeScript("return window.remoteSupport.link"));
        customer.get(link);
        customer.findElement(By.id("start")).click();
        poll(customer, Duration.ofSeconds(10), "the customer page to join",
                () -> "joined".equals(agent.executeScript("return window.remoteSupport.customer")) ? true : null);

        // the same link opened again, e.g. forwarded to someone else
        ChromeDriver other = HeadlessChromium.start(otherProfile, "412,860");
        try {
            other.get(link);
            assertThat(other.findElement(By.tagName("h1")).getText()).isEqualTo("This link was already used");
            HeadlessChromium.screenshot(other, "customer-link-used");
        } finally {
            other.quit();
        }
    }

    private static Duration remaining(Instant joined) {
        Duration left = JOIN_TO_VIDEO.minus(Duration.between(joined, Instant.now()));
        return left.isNegative() ? Duration.ZERO : left;
    }


    private static long audioPacketsReceived(ChromeDriver browser) {
        Map<String, Object> stats = HeadlessChromium.callAsync(browser, "window.remoteSupport.inboundAudioStats()");
        Object packets = stats.get("packetsReceived");
        return packets instanceof Number number ? number.longValue() : 0;
    }

}
