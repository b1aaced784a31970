package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.app.testsupport.DemoLogin;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The customer's pages on a phone (390×844 CSS pixels, touch, Chromium's mobile emulation), in
 * every language of the web client, in one browser: each language shows all its texts (no key
 * shown raw, no lookup that fell back to English), fits the screen without horizontal scrolling,
 * has touch targets of at least 44 px, and Arabic is laid out right to left; axe-core finds no
 * serious or critical accessibility violation on the customer page before Start, in the queue
 * (with the end-call and recording dialogs open) and in landscape, on the help page and on the
 * start page. Screenshots go to {@code target/screenshots/customer-phone-*.png}.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// the same configuration as the other application tests, so they share one context
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerPagePhoneBrowserTest {

    /** The languages of {@code js/i18n.js}; Arabic is written right to left. */
    private static final List<String> LANGUAGES = List.of("en", "es", "ar", "zh", "fr", "de", "pt", "ru", "ja", "ko");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MIN_TARGET_PX = 44;

    @LocalServerPort
    private int port;

    @TempDir
    private static Path profile;

    private ChromeDriver phone;
    private Map<String, String> english;

    @BeforeAll
    void startPhone() throws IOException {
        phone = HeadlessChromium.startPhone(profile);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/i18n/en.json")) {
            assertThat(in).as("en.json on the class path").isNotNull();
            english = new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }

    @AfterAll
    void quit() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    @Order(1)
    void everyLanguageShowsAllItsTextsAndFitsThePhone() {
        String link = invite("en");
        Map<String, String> startLabels = new java.util.HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String lang : LANGUAGES) {
            // the language the link asks for, as an agent who knows the customer's sends it
            phone.get(link + "?lang=" + lang);
            waitUntilReady(lang);
            problems.addAll(textProblems("customer page", lang));
            startLabels.put(lang, phone.findElement(By.id("start")).getText());
            HeadlessChromium.screenshot(phone, "customer-phone-" + lang);

            phone.get(origin() + "/help.html?lang=" + lang);
            poll("the help page in " + lang, () -> lang.equals(phone.executeScript(
                    "return document.documentElement.lang")) && !phone.executeScript(
                    "return document.documentElement.className").toString().contains("i18n-pending") ? true : null);
            problems.addAll(textProblems("help page", lang));
        }
        assertThat(problems).as("texts missing or not fitting the phone").isEmpty();
        assertThat(startLabels.get("en")).isEqualTo("Start");
        assertThat(startLabels.values()).as("the Start button in each language").doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void arabicIsLaidOutRightToLeft() {
        phone.get(invite("ar") + "?lang=ar");
        waitUntilReady("ar");
        assertThat((Object) phone.executeScript("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat((Object) phone.executeScript("return getComputedStyle(document.querySelector('main')).direction"))
                .isEqualTo("rtl");
        // mirrored: the brand sits on the right and the language picker on the left, the list's
        // bullets on the right of its text
        Map<String, Object> brand = rect(".brand");
        Map<String, Object> picker = rect("#language-picker");
        assertThat(number(brand, "right")).isGreaterThan(number(picker, "right"));
        assertThat(number(brand, "left")).isGreaterThan(number(picker, "left"));
        Map<String, Object> item = rect(".permissions li");
        Map<String, Object> list = rect(".permissions");
        assertThat(number(list, "right") - number(item, "right")).as("list indented from the right").isGreaterThan(10);
        assertThat(Math.abs(number(list, "left") - number(item, "left"))).as("list flush on the left").isLessThan(1);

        phone.get(invite("en") + "?lang=en");
        waitUntilReady("en");
        Map<String, Object> brandLtr = rect(".brand");
        Map<String, Object> pickerLtr = rect("#language-picker");
        assertThat(number(brandLtr, "left")).isLessThan(number(pickerLtr, "left"));
    }

    @Test
    @Order(3)
    void theLanguagePickerSwitchesThePageAndIsRemembered() {
        phone.executeScript("localStorage.removeItem('remote-support.language')");
        String link = invite("en");
        phone.get(link);
        waitUntilReady("en");
        new Select(phone.findElement(By.id("language-picker"))).selectByValue("ja");
        poll("the page in Japanese", () -> "ja".equals(phone.executeScript("return document.documentElement.lang")) ? true : null);
        assertThat(phone.findElement(By.id("start")).getText()).isEqualTo("開始");
        assertThat(phone.getTitle()).isEqualTo("問題を見せてください");
        // remembered for the customer's other pages: the storage reaches them shortly after the switch
        poll("the help page to remember Japanese", () -> {
            phone.get(origin() + "/help.html");
            return "ja".equals(phone.executeScript("return document.documentElement.lang")) ? true : null;
        });
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("製品のサポートを受ける");
        phone.get(link);
        waitUntilReady("ja");
        assertThat(phone.findElement(By.id("intro-heading")).getText()).isEqualTo("問題を見せてください");
        phone.executeScript("localStorage.removeItem('remote-support.language')");
    }

    @Test
    @Order(4)
    void thePagesHaveNoSeriousAccessibilityViolations() {
        phone.get(invite("en") + "?lang=en");
        waitUntilReady("en");
        AxeCheck.assertAccessible(phone, "customer page before Start");
        phone.get(origin() + "/help.html?lang=en");
        poll("the help page", () -> "en".equals(phone.executeScript("return document.documentElement.lang")) ? true : null);
        AxeCheck.assertAccessible(phone, "help page");
        phone.get(origin() + "/index.html");
        AxeCheck.assertAccessible(phone, "start page");

        // Arabic, in the queue: no agent speaks Arabic on this server, so the customer waits
        phone.get(invite("ar") + "?lang=ar");
        waitUntilReady("ar");
        phone.findElement(By.id("start")).click();
        poll("a place in the queue", () -> phone.findElement(By.id("queue")).isDisplayed() ? true : null);
        assertThat(phone.findElement(By.id("queue-headline")).getText()).isEqualTo(translation("ar", "queue.next"));
        assertThat(phone.findElement(By.id("queue-detail")).getText()).isEqualTo(translation("ar", "queue.noAgent"));
        assertThat(phone.findElement(By.id("status")).getText()).isEqualTo(translation("ar", "state.queued"));
        assertThat(textProblems("customer page in the queue", "ar")).isEmpty();
        HeadlessChromium.screenshot(phone, "customer-phone-ar-queue");
        AxeCheck.assertAccessible(phone, "customer page in the queue (Arabic)");

        phone.findElement(By.id("end")).click();
        poll("the end-call confirmation", () -> phone.findElement(By.id("confirm-end")).isDisplayed() ? true : null);
        assertThat(phone.findElement(By.id("confirm-end-title")).getText()).isEqualTo(translation("ar", "end.title"));
        AxeCheck.assertAccessible(phone, "end-call confirmation");
        HeadlessChromium.screenshot(phone, "customer-phone-ar-confirm-end");
        phone.findElement(By.id("confirm-end-no")).click();
        assertThat((Object) phone.executeScript("return window.remoteSupport.state")).isEqualTo("queued");

        // the consent prompt, as the page shows it when the server says the call is recorded
        phone.executeScript("document.getElementById('recording-consent').showModal()");
        assertThat(phone.findElement(By.id("recording-accept")).getText()).isEqualTo(translation("ar", "recording.accept"));
        AxeCheck.assertAccessible(phone, "recording consent prompt");
        phone.executeScript("document.getElementById('recording-consent').close()");

        // the phone on its side
        phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", HeadlessChromium.PHONE_HEIGHT,
                "height", HeadlessChromium.PHONE_WIDTH, "deviceScaleFactor", 2, "mobile", true,
                "screenOrientation", Map.of("type", "landscapePrimary", "angle", 90)));
        try {
            poll("the landscape layout", () -> (Boolean) phone.executeScript("return innerWidth > innerHeight || null"));
            assertThat(textProblems("customer page in the queue, landscape", "ar")).isEmpty();
            Map<String, Object> video = rect("#preview");
            Map<String, Object> controls = rect(".controls");
            assertThat(number(video, "bottom")).as("camera view fits the screen's height")
                    .isLessThanOrEqualTo(HeadlessChromium.PHONE_WIDTH);
            assertThat(number(controls, "right")).as("controls beside the camera view, on its left in Arabic")
                    .isLessThanOrEqualTo(number(video, "left") + 1);
            HeadlessChromium.screenshot(phone, "customer-phone-ar-queue-landscape");
            AxeCheck.assertAccessible(phone, "customer page in the queue, landscape");
        } finally {
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", HeadlessChromium.PHONE_WIDTH,
                    "height", HeadlessChromium.PHONE_HEIGHT, "deviceScaleFactor", 2, "mobile", true,
                    "screenOrientation", Map.of("type", "portraitPrimary", "angle", 0)));
        }
        phone.findElement(By.id("leave-queue")).click();
        poll("the customer to have left the queue", () -> "ended".equals(phone.executeScript(
                "return window.remoteSupport.state")) ? true : null);
        assertThat((Object) phone.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
    }

    /** The text a language has for a key, from its resource file as the server serves it. */
    private String translation(String lang, String key) {
        assertThat(english).containsKey(key);
        Object text = phone.executeScript("return fetch('/i18n/' + arguments[0] + '.json')"
                + ".then(r => r.json()).then(m => m[arguments[1]])", lang, key);
        assertThat(text).as(lang + " " + key).isInstanceOf(String.class);
        return (String) text;
    }

    /**
     * What is wrong with the texts and the fit of the page now: keys shown raw (in the text,
     * a label or the title), lookups that fell back to English, wrong {@code lang}/{@code dir},
     * horizontal scrolling, visible controls smaller than 44 px.
     */
    @SuppressWarnings("unchecked")
    private List<String> textProblems(String page, String lang) {
        List<String> problems = new ArrayList<>();
        String where = page + " [" + lang + "]: ";
        Map<String, Object> state = (Map<String, Object>) phone.executeScript("""
                const html = document.documentElement;
                const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
                    .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '));
                const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
                const small = [...document.querySelectorAll('button, select, input, a[href], textarea')]
                    .filter(visible)
                    .filter(e => { const r = e.getBoundingClientRect(); return r.height < arguments[0] || r.width < arguments[0]; })
                    .map(e => e.outerHTML.slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().width) + 'x'
                        + Math.round(e.getBoundingClientRect().height));
                return {
                  lang: html.lang, dir: html.dir,
                  text: document.body.innerText + ' ' + labels.join(' ') + ' ' + document.title,
                  scrollWidth: html.scrollWidth, clientWidth: html.clientWidth,
                  misses: window.remoteSupport ? window.remoteSupport.missingTexts : [],
                  small,
                };
                """, MIN_TARGET_PX);
        if (!lang.equals(state.get("lang"))) {
            problems.add(where + "lang is " + state.get("lang"));
        }
        String dir = "ar".equals(lang) ? "rtl" : "ltr";
        if (!dir.equals(state.get("dir"))) {
            problems.add(where + "dir is " + state.get("dir"));
        }
        String text = (String) state.get("text");
        for (String key : english.keySet()) {
            if (text.contains(key)) {
                problems.add(where + "key shown raw: " + key);
            }
        }
        List<Object> misses = (List<Object>) state.get("misses");
        if (!misses.isEmpty()) {
            problems.add(where + "texts missing in the language: " + misses);
        }
        if (number(state, "scrollWidth") > number(state, "clientWidth")) {
            problems.add(where + "scrolls sideways: " + state.get("scrollWidth") + " > " + state.get("clientWidth"));
        }
        for (Object control : (List<Object>) state.get("small")) {
            problems.add(where + "touch target under " + MIN_TARGET_PX + " px: " + control);
        }
        return problems;
    }

    private void waitUntilReady(String lang) {
        poll("the customer page in " + lang, () -> "true".equals(phone.executeScript(
                "return document.documentElement.dataset.ready ?? null"))
                && lang.equals(phone.executeScript("return document.documentElement.lang"))
                && phone.findElement(By.id("start")).isDisplayed()
                && phone.findElement(By.id("start")).isEnabled() ? true : null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rect(String selector) {
        return (Map<String, Object>) phone.executeScript(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};", selector);
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /**
     * Where the pages are opened: one origin for all of them, or the language remembered in one
     * page's storage would not reach the others.
     */
    private String origin() {
        return "http://localhost:" + port;
    }

    /** A queue link for a customer who speaks {@code language}, as an agent would create it. */
    private String invite(String language) {
        String token = DemoLogin.token(port, "ana", "ana-demo");
        try {
            String body = new ObjectMapper().writeValueAsString(Map.of(
                    "orderNumber", "A-" + language, "category", "coffee-machines", "language", language));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(origin() + "/api/invites"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String link = new ObjectMapper().readTree(response.body()).get("link").asText();
            // the server's link is relative unless a public URL is configured
            return link.startsWith("http") ? link : origin() + link;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> T poll(String what, Supplier<T> probe) {
        return new WebDriverWait(phone, WAIT)
                .withMessage(() -> "waited for " + what + "; page: " + phone.executeScript(
                        "const h = document.documentElement; return JSON.stringify({url: location.pathname,"
                                + " lang: h.lang, ready: h.dataset.ready, classes: h.className,"
                                + " errors: window.remoteSupport?.errors})")
                        + "\nconsole:\n" + HeadlessChromium.console(phone))
                .until(driver -> probe.get());
    }
}
