package org.remotesupport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.testsupport.turn.TurnServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A customer whose network lets no UDP through to the relay: the server hands out TURN servers
 * reachable only over TCP and TLS and the policy {@code relay}, so both browsers send their media
 * to a real coturn over TCP or TLS, and coturn relays it to the relay's UDP port. The agent still
 * sees the customer's camera, and {@code getStats()} on both pages shows the selected candidate
 * pair runs through a TURN allocation. Two coturn processes stand in for one TURN deployment's
 * plain and TLS listeners, so the second test can take the plain one away and leave only TLS.
 * Chromium checks a TURN server's certificate (a self-signed one leaves the TLS allocation hanging),
 * so the browsers trust the test certificate's public key, and nothing else, by its pin.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// no other class shares this context (its TURN settings are its own): close it with the class rather than
// keep a second server running beside the tests that follow
@DirtiesContext
class TurnRelayBrowserTest {

    private static final String SECRET = "turn-browser-test-secret-0123";
    private static final TurnServer PLAIN = TurnServer.start(SECRET, "remote-support.test");
    private static final TurnServer TLS = TurnServer.start(SECRET, "remote-support.test");
    // generous: the machines that run the suite are shared, and a call through TURN takes a few more round trips
    private static final Duration JOIN_TO_VIDEO = Duration.ofSeconds(30);

    /**
     * Keeps every RTCPeerConnection a page makes in {@code window.peerConnections}, so the test can
     * read the pages' own connections' statistics without the pages exposing them.
     */
    private static final String RECORD_PEER_CONNECTIONS = """
            window.peerConnections = [];
            const Original = window.RTCPeerConnection;
            window.RTCPeerConnection = class extends Original {
              constructor(configuration) {
                super(configuration);
                window.peerConnections.push(this);
              }
            };
            """;

    private static final String SELECTED_PAIR = """
            (async () => {
              const pc = window.peerConnections[window.peerConnections.length - 1];
              if (!pc) return {};
              const stats = await pc.getStats();
              let pair = null;
              stats.forEach((s) => {
                if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
              });
              if (!pair) return {};
              const local = stats.get(pair.localCandidateId);
              const remote = stats.get(pair.remoteCandidateId);
              return {
                policy: pc.getConfiguration().iceTransportPolicy,
                localType: local.candidateType, relayProtocol: local.relayProtocol ?? null,
                localUrl: local.url ?? null,
                remoteType: remote.candidateType, remoteAddress: remote.address, remotePort: remote.port,
                bytesSent: pair.bytesSent, bytesReceived: pair.bytesReceived,
              };
            })()""";

    @LocalServerPort
    private int port;

    private ChromeDriver agent;
    private ChromeDriver customer;

    @DynamicPropertySource
    static void turn(DynamicPropertyRegistry registry) {
        // only TCP and TLS: the browsers' leg to the TURN server is never UDP
        registry.add("remote-support.turn.urls", () -> PLAIN.tcpUrl() + "," + TLS.tlsUrl());
        registry.add("remote-support.turn.secret", () -> SECRET);
        registry.add("remote-support.turn.ice-transport-policy", () -> "relay");
    }

    @AfterAll
    static void stopTurn() {
        PLAIN.close();
        TLS.close();
    }

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
    @Order(1)
    void theCustomersCameraReachesTheAgentThroughTurnOverTcp(@TempDir Path agentProfile, @TempDir Path customerProfile) {
        Map<String, Object>[] pairs = call(agentProfile, customerProfile);

        // TURN over TCP ranks above TURN over TLS, so with both reachable the browsers choose TCP
        assertThat(pairs[0].get("relayProtocol")).as("agent's relay protocol").isEqualTo("tcp");
        assertThat(pairs[1].get("relayProtocol")).as("customer's relay protocol").isEqualTo("tcp");
        assertThat(PLAIN.log()).as("coturn's log of the plain listener").contains("ALLOCATE processed, success");
    }

    @Test
    @Order(2)
    void withTheTcpListenerGoneTheCallRunsThroughTurnOverTls(@TempDir Path agentProfile, @TempDir Path customerProfile) {
        // a network that lets only TLS out (e.g. port 443 only): the plain listener no longer answers
        PLAIN.close();

        Map<String, Object>[] pairs = call(agentProfile, customerProfile);

        assertThat(pairs[0].get("relayProtocol")).as("agent's relay protocol").isEqualTo("tls");
        assertThat(pairs[1].get("relayProtocol")).as("customer's relay protocol").isEqualTo("tls");
        assertThat(TLS.log()).as("coturn's log of the TLS listener").contains("ALLOCATE processed, success");
    }

    /**
     * The agent opens a session, the customer joins and starts the camera; returns the agent's and
     * the customer's selected candidate pair once the agent decodes the customer's video, having
     * checked that both run through a TURN relay candidate to the relay's UDP port.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object>[] call(Path agentProfile, Path customerProfile) {
        // Chromium checks a TURN server's TLS certificate like a web server's: trust the test's own one only
        String trustTurnCertificate = "--ignore-certificate-errors-spki-list=" + TLS.certificatePin();
        agent = HeadlessChromium.start(agentProfile, "1280,860", trustTurnCertificate);
        customer = HeadlessChromium.start(customerProfile, "412,860", trustTurnCertificate);
        for (ChromeDriver browser : new ChromeDriver[] {agent, customer}) {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_PEER_CONNECTIONS));
        }
        signIn(agent);
        agent.findElement(By.id("create")).click();
        String link = poll(agent, Duration.ofSeconds(10), "the session's customer link",
                () -> (String) agent.executeScript("return window.remoteSupport.link"));
        customer.get(link);
        customer.findElement(By.id("start")).click();
        long started = System.nanoTime();

        poll(customer, JOIN_TO_VIDEO, "the customer page to go live",
                () -> "live".equals(customer.executeScript("return window.remoteSupport.state")) ? true : null);
        poll(agent, JOIN_TO_VIDEO, "the customer's video to play in the console", () -> framesDecoded(agent) > 0 ? true : null);
        long decoded = framesDecoded(agent);
        poll(agent, Duration.ofSeconds(10), "decoded frames to rise past " + decoded,
                () -> framesDecoded(agent) > decoded ? true : null);
        System.out.printf("customer start to agent decoding video through TURN: %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        Map<String, Object> agentPair = selectedPair(agent);
        Map<String, Object> customerPair = poll(customer, Duration.ofSeconds(10), "the customer's selected candidate pair",
                () -> selectedPair(customer).isEmpty() ? null : selectedPair(customer));
        System.out.printf("agent's selected pair: %s%ncustomer's selected pair: %s%n", agentPair, customerPair);
        for (Map<String, Object> pair : new Map[] {agentPair, customerPair}) {
            assertThat(pair.get("policy")).isEqualTo("relay");
            assertThat(pair.get("localType")).as("local candidate type of %s", pair).isEqualTo("relay");
            assertThat(pair.get("remoteType")).as("the relay's candidate").isEqualTo("host");
            assertThat(((Number) pair.get("bytesSent")).longValue()).isPositive();
            assertThat(((Number) pair.get("bytesReceived")).longValue()).isPositive();
        }
        assertThat((Object) agent.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
        assertThat((Object) customer.executeScript("return window.remoteSupport.errors")).asList().isEmpty();
        return new Map[] {agentPair, customerPair};
    }

    private Map<String, Object> selectedPair(ChromeDriver browser) {
        return HeadlessChromium.callAsync(browser, SELECTED_PAIR);
    }

    private void signIn(ChromeDriver browser) {
        browser.get("http://localhost:" + port + "/agent.html");
        HeadlessChromium.signIn(browser, "ana", "ana-demo");
        poll(browser, Duration.ofSeconds(10), "the console to show the agent is signed in",
                () -> "ana".equals(browser.executeScript("return window.remoteSupport.signedIn")) ? true : null);
    }

    private static long framesDecoded(ChromeDriver browser) {
        Map<String, Object> stats = HeadlessChromium.callAsync(browser, "window.remoteSupport.inboundVideoStats()");
        Object frames = stats.get("framesDecoded");
        return frames instanceof Number number ? number.longValue() : 0;
    }

    /** Polls {@code probe} until it returns a value, failing with the page's state, console and coturn's logs. */
    private static <T> T poll(ChromeDriver browser, Duration timeout, String what, Supplier<T> probe) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200))
                .withMessage(() -> "waiting for " + what + "; page: "
                        + browser.executeScript("return JSON.stringify({state: window.remoteSupport?.state,"
                        + " media: window.remoteSupport?.mediaState, errors: window.remoteSupport?.errors,"
                        + " timeline: window.remoteSupport?.timeline})")
                        + "\nconsole:\n" + HeadlessChromium.console(browser)
                        + "\ncoturn (plain):\n" + PLAIN.log() + "\ncoturn (TLS):\n" + TLS.log())
                .until(driver -> probe.get());
    }
}
