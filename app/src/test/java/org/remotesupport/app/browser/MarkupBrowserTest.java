package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.app.browser.HeadlessChromium.poll;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.remotesupport.app.RemoteSupportApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Markups in real browsers: the agent drags an arrow over the customer's video on a wide console
 * (letterboxed, {@code object-fit: contain}); the customer's phone-sized page (cropped,
 * {@code object-fit: cover}) shows it at the same spot of the picture, in its markup model and on
 * screen. The customer's screenshot goes to {@code target/screenshots/customer-markup.png}.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// the same context as the other application tests
@AutoConfigureObservability(tracing = false)
class MarkupBrowserTest {

    private static final double TAIL_X = 0.3;
    private static final double TAIL_Y = 0.35;
    private static final double HEAD_X = 0.65;
    private static final double HEAD_Y = 0.6;

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
    void theAgentsArrowAppearsAtTheSamePlaceOfThePictureOnTheCustomersPage(@TempDir Path agentProfile,
                                                                           @TempDir Path customerProfile)
            throws Exception {
        agent = HeadlessChromium.start(agentProfile, "1280,860");
        customer = HeadlessChromium.start(customerProfile, "412,780");
        agent.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(agent, "ana", "ana-demo");
        poll(agent, Duration.ofSeconds(10), "the console to sign in",
                () -> agent.findElement(By.id("create")).isDisplayed() ? true : null);
        agent.findElement(By.id("create")).click();
        String link = poll(agent, Duration.ofSeconds(10), "the customer link",
                () -> (String) agent.executeScript("return window.remoteSupport.link"));
        customer.get(link);
        customer.findElement(By.id("start")).click();
        poll(agent, Duration.ofSeconds(15), "the customer's video on the console", () -> (Boolean) agent.executeScript(
                "return document.getElementById('remote-video').videoWidth > 0 || null"));
        poll(customer, Duration.ofSeconds(10), "the customer's preview", () -> (Boolean) customer.executeScript(
                "return document.getElementById('preview').videoWidth > 0 && window.remoteSupport.pictureRect() ? true : null"));
        poll(agent, Duration.ofSeconds(10), "the console's markup channel", () -> (Boolean) agent.executeScript(
                "return window.remoteSupport.pictureRect() ? true : null"));

        WebElement canvas = agent.findElement(By.id("markup-canvas"));
        Map<String, Object> rect = rect(agent);
        int[] tail = offsetFromCentre(canvas, rect, TAIL_X, TAIL_Y);
        int[] head = offsetFromCentre(canvas, rect, HEAD_X, HEAD_Y);
        new Actions(agent).moveToElement(canvas, tail[0], tail[1]).clickAndHold()
                .moveToElement(canvas, (tail[0] + head[0]) / 2, (tail[1] + head[1]) / 2)
                .moveToElement(canvas, head[0], head[1]).release().perform();

        List<Map<String, Object>> seen = poll(customer, Duration.ofSeconds(5), "the arrow on the customer's page", () -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> markups = (List<Map<String, Object>>) customer.executeScript(
                    "return window.remoteSupport.markups");
            return markups.isEmpty() ? null : markups;
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> drawn = (List<Map<String, Object>>) agent.executeScript("return window.remoteSupport.markups");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsEntry("type", "arrow");
        assertThat(seen.get(0).get("points")).isEqualTo(drawn.get(0).get("points"));
        List<List<Number>> points = points(seen.get(0));
        // one CSS pixel on the console is about 1/1000 of the picture
        assertThat(points.get(0).get(0).doubleValue()).isCloseTo(TAIL_X, within(0.01));
        assertThat(points.get(0).get(1).doubleValue()).isCloseTo(TAIL_Y, within(0.01));
        assertThat(points.get(1).get(0).doubleValue()).isCloseTo(HEAD_X, within(0.01));
        assertThat(points.get(1).get(1).doubleValue()).isCloseTo(HEAD_Y, within(0.01));
        assertThat(rect(customer).get("width")).as("different picture sizes on the two pages")
                .isNotEqualTo(rect.get("width"));

        // on screen: the arrow's middle, mapped through the customer's own picture rectangle, is red
        poll(customer, Duration.ofSeconds(5), "the customer's canvas to show the arrow", () -> {
            BufferedImage shot = screenshot(customer);
            return redNear(shot, customerPixel(customer, (points.get(0).get(0).doubleValue() + points.get(1).get(0).doubleValue()) / 2,
                    (points.get(0).get(1).doubleValue() + points.get(1).get(1).doubleValue()) / 2)) ? true : null;
        });
        byte[] png = customer.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(HeadlessChromium.SCREENSHOTS);
        Files.write(HeadlessChromium.SCREENSHOTS.resolve("customer-markup.png"), png);
        HeadlessChromium.screenshot(agent, "agent-markup");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Number>> points(Map<String, Object> markup) {
        return (List<List<Number>>) markup.get("points");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rect(ChromeDriver browser) {
        return (Map<String, Object>) browser.executeScript("return window.remoteSupport.pictureRect()");
    }

    private static int[] offsetFromCentre(WebElement canvas, Map<String, Object> rect, double x, double y) {
        double px = number(rect, "x") + x * number(rect, "width");
        double py = number(rect, "y") + y * number(rect, "height");
        return new int[] {(int) Math.round(px - canvas.getRect().getWidth() / 2.0),
                (int) Math.round(py - canvas.getRect().getHeight() / 2.0)};
    }

    // device pixels in the screenshot of a picture point on the customer's page
    private static int[] customerPixel(ChromeDriver browser, double x, double y) {
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) browser.executeScript("""
                const box = document.getElementById('markup-canvas').getBoundingClientRect();
                const r = window.remoteSupport.pictureRect();
                return {x: (box.left + r.x + arguments[0] * r.width) * devicePixelRatio,
                        y: (box.top + r.y + arguments[1] * r.height) * devicePixelRatio};""", x, y);
        return new int[] {(int) Math.round(number(at, "x")), (int) Math.round(number(at, "y"))};
    }

    private static boolean redNear(BufferedImage image, int[] at) {
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int x = at[0] + dx;
                int y = at[1] + dy;
                if (x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) {
                    continue;
                }
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && g < 110 && b < 110) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BufferedImage screenshot(ChromeDriver browser) {
        try {
            return ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

}
