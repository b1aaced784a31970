package org.remotesupport.app.browser;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.remotesupport.testsupport.net.NetworkNamespace;

/**
 * Starts the system's Chromium and chromedriver (Debian packages; no driver download) headless,
 * with a fake camera and microphone that are granted without a prompt, in a fresh profile.
 */
final class HeadlessChromium {

    /** Where screenshots of browser tests go. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The emulated phone's viewport in CSS pixels. */
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * @param profile an empty directory for the browser's user data
     * @param windowSize for example {@code 1280,800} or a phone's {@code 412,915}
     */
    static ChromeDriver start(Path profile, String windowSize) {
        return start(profile, windowSize, new ChromeOptions());
    }

    /**
     * A desktop-sized browser with further command-line switches.
     * @param profile an empty directory for the browser's user data
     * @param windowSize for example {@code 1280,800}
     * @param extraArguments switches added after the usual ones
     */
    static ChromeDriver start(Path profile, String windowSize, String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(extraArguments);
        return start(profile, windowSize, options);
    }

    /** Fills the page's sign-in form ({@code #username}, {@code #password}) and submits it. */
    static void signIn(WebDriver page, String username, String password) {
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("signin-button")).click();
    }

    /**
     * A phone: Chromium's mobile emulation of a 390×844 CSS-pixel screen (an iPhone 12 to 15) at
     * device pixel ratio 2, with touch events and a mobile user agent.
     * @param profile an empty directory for the browser's user data
     */
    static ChromeDriver startPhone(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/126.0.0.0 Mobile Safari/537.36"));
        return start(profile, PHONE_WIDTH + "," + PHONE_HEIGHT, options);
    }

    /** A Chromium running inside a network namespace, driven through a chromedriver that runs there too. */
    record NamespacedBrowser(RemoteWebDriver driver, Process chromedriver) implements AutoCloseable {
        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                chromedriver.destroy();
                try {
                    if (!chromedriver.waitFor(5, TimeUnit.SECONDS)) {
                        chromedriver.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A browser whose every packet goes through {@code link}: chromedriver and Chromium run inside the
     * namespace ({@code ip netns exec}), chromedriver listens on the namespace's address and admits only
     * the host's end of the link. Pages are loaded from the host's address on the link, which is not a
     * secure origin to Chromium; {@code secureOrigin} is treated as one so that the camera may open.
     * @param link the namespace
     * @param profile an empty directory for the browser's user data
     * @param windowSize for example {@code 412,860}
     * @param secureOrigin for example {@code http://198.18.7.1:8080}
     */
    static NamespacedBrowser startInNamespace(NetworkNamespace link, Path profile, String windowSize,
                                              String secureOrigin) throws IOException, InterruptedException {
        int port = 9515; // the namespace is this browser's alone
        Process chromedriver = new ProcessBuilder(link.command(List.of(DRIVER, "--port=" + port,
                "--allowed-ips=" + link.hostAddress(), "--allowed-origins=*")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        URL url = new URL("http://" + link.namespaceAddress() + ":" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL(url, "/status").openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !chromedriver.isAlive()) {
                    chromedriver.destroyForcibly();
                    throw new IOException("chromedriver did not start in " + link, e);
                }
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling chromedriver's start-up, with the deadline above
        }
        ChromeOptions options = options(profile, windowSize, new ChromeOptions());
        options.addArguments("--unsafely-treat-insecure-origin-as-secure=" + secureOrigin);
        try {
            RemoteWebDriver driver = new RemoteWebDriver(url, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            return new NamespacedBrowser(driver, chromedriver);
        } catch (RuntimeException e) {
            chromedriver.destroyForcibly();
            throw e;
        }
    }

    private static ChromeOptions options(Path profile, String windowSize, ChromeOptions options) {
        options.setBinary(BINARY);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--window-size=" + windowSize,
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    private static ChromeDriver start(Path profile, String windowSize, ChromeOptions options) {
        options(profile, windowSize, options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * Saves a screenshot as {@code target/screenshots/<name>.png}. A browser that can no longer
     * take one is reported on stderr rather than hiding the failure that a test is reporting.
     */
    static void screenshot(RemoteWebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    /** The page's console output so far, one line per entry, for failure messages. */
    static String console(RemoteWebDriver driver) {
        try {
            List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
            StringBuilder text = new StringBuilder();
            for (LogEntry entry : entries) {
                text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
            }
            return text.toString();
        } catch (RuntimeException e) {
            return "(console unavailable: " + e.getMessage() + ")";
        }
    }

    /** Runs an async script whose last argument is the callback, returning what it passes back. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> callAsync(RemoteWebDriver driver, String promiseExpression) {
        Object result = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.resolve(" + promiseExpression + ")"
                        + ".then(r => done(r ?? {}), e => done({error: String(e)}));");
        return (Map<String, Object>) result;
    }

    /**
     * Polls {@code probe} until it returns a value (not null, not false) within {@code timeout},
     * failing with the page's call state, errors, timeline and console.
     */
    static <T> T poll(RemoteWebDriver browser, Duration timeout, String what, Supplier<T> probe) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(100))
                .withMessage(() -> "waiting for " + what + "; page: "
                        + browser.executeScript("return JSON.stringify({state: window.remoteSupport?.state,"
                        + " media: window.remoteSupport?.mediaState, errors: window.remoteSupport?.errors,"
                        + " timeline: window.remoteSupport?.timeline})")
                        + "\nconsole:\n" + console(browser))
                .until(driver -> probe.get());
    }

    /** Video frames the page has decoded so far (0 before there is an inbound video track). */
    static long framesDecoded(RemoteWebDriver browser) {
        Map<String, Object> stats = callAsync(browser, "window.remoteSupport?.inboundVideoStats()");
        Object frames = stats == null ? null : stats.get("framesDecoded");
        return frames instanceof Number number ? number.longValue() : 0;
    }
}
