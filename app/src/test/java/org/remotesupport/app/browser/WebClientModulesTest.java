package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs the web client's module tests ({@code web-client/src/test/js}) in headless Chromium: the
 * DOM-free modules (signaling client, SDP helpers, negotiation, call state) against real browser
 * APIs, with nothing to install but the browser. A plain JDK HTTP server serves the shipped
 * assets from the class path under {@code /} and the tests under {@code /test/}.
 */
class WebClientModulesTest {

    private static final Path TESTS = Path.of(System.getProperty("web-client.tests", "../web-client/src/test/js"));

    private HttpServer server;
    private ChromeDriver browser;

    @BeforeEach
    void serve() throws IOException {
        assertThat(TESTS.resolve("run.html")).as("web client tests").exists();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.stop(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void moduleTestsPassInChromium(@TempDir Path profile) {
        browser = HeadlessChromium.start(profile, "1024,768");
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/test/run.html");

        Map<String, Object> outcome = new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "module tests did not finish; console:\n" + HeadlessChromium.console(browser))
                .until(driver -> (Map<String, Object>) browser.executeScript("return window.testResults ?? null"));

        List<Map<String, Object>> results = (List<Map<String, Object>>) outcome.get("results");
        assertThat(results).as("module tests run").hasSizeGreaterThan(10);
        assertThat(results)
                .filteredOn(r -> !Boolean.TRUE.equals(r.get("passed")))
                .as("failed module tests")
                .isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.startsWith("/test/") ? testFile(path.substring("/test/".length())) : shippedAsset(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(path));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] testFile(String name) throws IOException {
        Path file = TESTS.resolve(name).normalize();
        return file.startsWith(TESTS.normalize()) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private static byte[] shippedAsset(String path) throws IOException {
        if (path.contains("..")) {
            return null;
        }
        try (InputStream in = WebClientModulesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/resources" + path)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String contentType(String path) {
        // module scripts load only with a JavaScript MIME type
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }
}
