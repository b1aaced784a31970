package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.app.browser.HeadlessChromium.framesDecoded;
import static org.remotesupport.app.browser.HeadlessChromium.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.remotesupport.app.RemoteSupportApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The queue in real browsers: an agent goes online busy, a customer comes through the help page and
 * sees its place and estimated wait; the agent sees the customer in its queue, becomes available,
 * is rung, accepts, and sees the customer's camera; when the agent ends the session the customer's
 * call ends and the agent is back in the queue. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// the same context configuration as the other application tests, so they share one started server
@AutoConfigureObservability(tracing = false)
class QueueBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);
    // a language no other test of the shared server queues in
    private static final String LANGUAGE = "fr";

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
    void aCustomerFromTheHelpPageWaitsInLineAndTheAgentTakesTheOffer(@TempDir Path agentProfile,
                                                                   @TempDir Path customerProfile) {
        agent = HeadlessChromium.start(agentProfile, "1280,900");
        customer = HeadlessChromium.start(customerProfile, "412,860");

        // the agent goes online, busy for now, for French customers
        signIn(agent, "li", "li-demo");
        new Select(agent.findElement(By.id("availability"))).selectByValue("busy");
        agent.findElement(By.id("languages")).clear();
        agent.findElement(By.id("languages")).sendKeys(LANGUAGE);
        agent.findElement(By.id("go-online")).click();
        poll(agent, WITHIN, "the agent to be busy", () -> "busy".equals(agent.executeScript("return window.remoteSupport.presence")) ? true : null);
        assertThat(agent.findElement(By.id("presence-status")).getText()).isEqualTo("Busy: no new customers");

        // the customer describes the problem on the help page and waits
        customer.get("http://localhost:" + port + "/help.html");
        new Select(customer.findElement(By.id("language"))).selectByValue(LANGUAGE);
        new Select(customer.findElement(By.id("category"))).selectByValue("coffee-machines");
        customer.findElement(By.id("order-number")).sendKeys("FR-2024-77");
        customer.findElement(By.id("description")).sendKeys("La pompe fait du bruit");
        customer.findElement(By.id("submit")).click();
        poll(customer, WITHIN, "the customer page", () -> customer.getCurrentUrl().contains("/customer.html") ? true : null);
        customer.findElement(By.id("start")).click();
        poll(customer, WITHIN, "a place in the queue", () -> customer.findElement(By.id("queue")).isDisplayed() ? true : null);
        assertThat(customer.findElement(By.id("queue-headline")).getText()).isEqualTo("You are next in line.");
        // one agent signed in for French, busy: an estimate from the recent handling times of this server
        assertThat(customer.findElement(By.id("queue-detail")).getText())
                .matches("Estimated wait: (less than a minute|about \\d+ minutes?)\\.");
        assertThat((Object) customer.executeScript("return window.remoteSupport.state")).isEqualTo("queued");

        // the agent sees the customer waiting, the clock running
        WebElementRow row = poll(agent, WITHIN, "the customer in the agent's queue", () -> queueRow(agent));
        assertThat(row.cells()).startsWith("Customer", LANGUAGE, "coffee-machines");
        assertThat(row.cells().get(4)).matches("\\d+:\\d\\d");
        HeadlessChromium.screenshot(agent, "agent-queue");
        HeadlessChromium.screenshot(customer, "customer-queue");

        // available: the customer rings at the agent, who accepts
        new Select(agent.findElement(By.id("availability"))).selectByValue("available");
        agent.findElement(By.id("go-online")).click();
        poll(agent, WITHIN, "the offer", () -> agent.findElement(By.id("offer-panel")).isDisplayed() ? true : null);
        assertThat(agent.findElement(By.id("offer-ticket")).getText()).contains(LANGUAGE, "coffee-machines",
                "order FR-2024-77", "La pompe fait du bruit");
        assertThat(agent.findElement(By.id("offer-countdown")).getText()).contains("Answer within");
        HeadlessChromium.screenshot(agent, "agent-offer");
        agent.findElement(By.id("accept")).click();

        poll(agent, WITHIN, "the customer's video in the console",
                () -> framesDecoded(agent) > 0 ? true : null);
        poll(customer, WITHIN, "the customer's call to be live",
                () -> "live".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);
        assertThat(customer.findElement(By.id("queue")).isDisplayed()).isFalse();
        assertThat(agent.findElement(By.id("ticket")).getText()).contains("order FR-2024-77");
        assertThat((Object) agent.executeScript("return window.remoteSupport.customer")).isEqualTo("joined");

        // the agent ends it: the phone's call ends, the agent is back in the queue, available
        agent.findElement(By.id("end")).click();
        // ending asks for the outcome
        agent.findElement(By.cssSelector("#end-form input[value='resolved_remotely']")).click();
        agent.findElement(By.id("end-confirm")).click();
        poll(customer, WITHIN, "the customer's call to end",
                () -> "ended".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);
        assertThat(customer.findElement(By.id("ended")).getText()).contains("ended the call");
        poll(agent, WITHIN, "the agent back in the queue", () -> agent.findElement(By.id("queue-panel")).isDisplayed()
                && "available".equals(agent.executeScript("return window.remoteSupport.presence")) ? true : null);
        assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
        assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();

        // signing off ends the presence
        new Select(agent.findElement(By.id("availability"))).selectByValue("offline");
        agent.findElement(By.id("go-online")).click();
        poll(agent, WITHIN, "the agent offline", () -> "offline".equals(agent.executeScript("return window.remoteSupport.presence")) ? true : null);
    }

    private record WebElementRow(List<String> cells) {
    }

    private static WebElementRow queueRow(ChromeDriver browser) {
        List<String> cells = browser.findElements(By.cssSelector("#queue-rows tr td")).stream()
                .map(cell -> cell.getText().trim()).toList();
        return cells.isEmpty() ? null : new WebElementRow(cells);
    }

    private void signIn(ChromeDriver browser, String username, String password) {
        browser.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(browser, username, password);
        poll(browser, WITHIN, "the sign-in", () -> username.equals(browser.executeScript("return window.remoteSupport.signedIn"))
                ? true : null);
    }


}
