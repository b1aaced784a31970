package org.remotesupport.app.https;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.app.RemoteSupportApplication;
import org.remotesupport.protocol.signaling.ProtocolVersion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application started as a person would run it, on loopback: the generated certificate
 * serves the pages, the customer link and the signaling WebSocket over HTTPS, and the operations
 * endpoints answer on HTTP.
 */
@SpringBootTest(classes = RemoteSupportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("loopback")
// metrics export is off in tests unless asked for; both application tests ask, so they share one context
@AutoConfigureObservability(tracing = false)
class HttpsConnectorTest {

    private static final Path KEY_STORE = Path.of("target", "test-data", "https", "keystore.p12");

    @Autowired
    private ServletWebServerApplicationContext context;

    @LocalServerPort
    private int httpPort;

    private HttpClient trustingGeneratedCertificate;

    @BeforeEach
    void trustTheGeneratedCertificate() throws Exception {
        assertThat(KEY_STORE).exists();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE)) {
            keyStore.load(in, "remote-support".toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keyStore.getCertificate(SelfSignedCertificate.ALIAS));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        trustingGeneratedCertificate = HttpClient.newBuilder().sslContext(ssl).build();
    }

    @Test
    void customerLinkIsServedOverHttpsWithTheGeneratedCertificate() throws Exception {
        // an invite link as the REST API makes it for a signed-in agent, all over HTTPS
        String link = post(trustingGeneratedCertificate, "https://localhost:" + httpsPort() + "/api/invites",
                "{\"orderNumber\":\"A-1001\"}", signIn()).path("link").asText();
        assertThat(link).startsWith("https://localhost:" + httpsPort() + "/s/");

        // the certificate names localhost, so host name verification stays on
        HttpResponse<String> page = get(trustingGeneratedCertificate, link);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Show us the problem", "/js/customer.js");
    }

    @Test
    void signalingAnswersOverSecureWebSocket() throws Exception {
        CompletableFuture<String> firstMessage = new CompletableFuture<>();
        WebSocket socket = trustingGeneratedCertificate.newWebSocketBuilder()
                .buildAsync(URI.create("wss://localhost:" + httpsPort() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        firstMessage.complete(data.toString());
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"type\":\"hello\",\"id\":\"1\",\"v\":" + ProtocolVersion.CURRENT + ",\"token\":\""
                    + signIn() + "\"}", true);

            assertThat(firstMessage.get(10, TimeUnit.SECONDS)).contains("\"type\":\"welcome\"", "\"replyTo\":\"1\"");
        } finally {
            socket.abort();
        }
    }

    /** Signs in as the demo agent over HTTPS; returns the token. */
    private String signIn() throws Exception {
        return post(trustingGeneratedCertificate, "https://localhost:" + httpsPort() + "/api/auth/login",
                "{\"username\":\"ana\",\"password\":\"ana-demo\"}", null).path("token").asText();
    }

    private static JsonNode post(HttpClient client, String url, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void agentConsoleAndModulesAreServedOverHttp() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> agent = get(client, "http://localhost:" + httpPort + "/agent.html");
        HttpResponse<String> module = get(client, "http://localhost:" + httpPort + "/js/agent.js");

        assertThat(agent.statusCode()).isEqualTo(200);
        assertThat(agent.body()).contains("Agent console");
        assertThat(module.statusCode()).isEqualTo(200);
        // browsers refuse module scripts with any other type
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
    }

    @Test
    void pagesAndModulesAreCompressedForMobileNetworks() throws Exception {
        HttpResponse<byte[]> module = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/js/media-session.js"))
                        .header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void healthAndPrometheusMetricsAreExposed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = get(client, "http://localhost:" + httpPort + "/actuator/health");
        HttpResponse<String> prometheus = get(client, "http://localhost:" + httpPort + "/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "relay_packets_received");
    }

    private int httpsPort() {
        Connector[] connectors = ((TomcatWebServer) context.getWebServer()).getTomcat().getService().findConnectors();
        return Arrays.stream(connectors)
                .filter(c -> "https".equals(c.getScheme()))
                .mapToInt(Connector::getLocalPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no HTTPS connector"));
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
