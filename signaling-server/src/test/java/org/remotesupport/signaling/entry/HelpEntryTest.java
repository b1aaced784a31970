package org.remotesupport.signaling.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.signaling.HttpTestClient.bearer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.HttpTestClient;
import org.remotesupport.signaling.SignalingTestApplication;
import org.remotesupport.signaling.TestClient;
import org.remotesupport.signaling.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The help page's entry over real HTTP: a customer without a link describes the problem, attaches a
 * photo or not, and gets a token for the new ticket; photos are checked by size and by content. Same
 * settings as {@code RestApiTest}, so the two share one running server.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.identity.api-keys=integration-key-0123456789-abcdefghij",
                "remote-support.identity.bcrypt-strength=4", "remote-support.entry.max-photo-size=64KB"})
class HelpEntryTest {

    private static final Map<String, String> FIELDS = Map.of("language", "es", "category", "coffee-machines",
            "orderNumber", "A-1001", "description", "Gotea por debajo\ndesde ayer", "name", "Carla");

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void aRequestWithAPhotoGivesATokenForTheNewTicketAndAgentsSeeThePhoto() throws Exception {
        byte[] jpeg = jpeg(20_000);

        HttpTestClient.Response entry = http.postMultipart("/api/entry/help", FIELDS, "photo", "leak.jpg",
                "image/jpeg", jpeg);

        assertThat(entry.status()).as(entry.text()).isEqualTo(201);
        String ticketId = entry.json().get("ticket").get("id").asText();
        assertThat(entry.json().get("ticket").get("hasPhoto").asBoolean()).isTrue();
        assertThat(entry.json().get("ticket").get("description").asText()).isEqualTo("Gotea por debajo\ndesde ayer");
        try (TestClient customer = TestClient.greeted(port, entry.field("token"))) {
            assertThat(customer.welcome().role()).isEqualTo("customer");
            assertThat(customer.welcome().name()).isEqualTo("Carla");
            assertThat(customer.welcome().ticketId()).isEqualTo(ticketId);
            assertThat(customer.welcome().sessionId()).isNull();
        }
        HttpResponse<byte[]> photo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/tickets/" + ticketId + "/photo"))
                        .header("Authorization", "Bearer " + identities.agent("Ana")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(photo.body()).isEqualTo(jpeg);
        // customers cannot read tickets, not even their own photo back
        assertThat(http.get("/api/tickets/" + ticketId + "/photo", bearer(entry.field("token"))).status())
                .isEqualTo(403);
    }

    @Test
    void aRequestWithoutPhotoIsFine() {
        HttpTestClient.Response entry = http.postMultipart("/api/entry/help", FIELDS, null, null, null, null);

        assertThat(entry.status()).isEqualTo(201);
        assertThat(entry.json().get("ticket").get("hasPhoto").asBoolean()).isFalse();
    }

    @Test
    void aPhotoOverTheLimitIsRefusedAsTooLarge() {
        HttpTestClient.Response entry = http.postMultipart("/api/entry/help", FIELDS, "photo", "big.jpg",
                "image/jpeg", jpeg(64 * 1024 + 1));

        assertThat(entry.status()).isEqualTo(413);
        assertThat(entry.field("error")).isEqualTo("photo_too_large");
        assertThat(entry.field("message")).contains("too large");
    }

    @Test
    void aFileThatIsNoPhotoIsRefusedWhateverItsNameAndDeclaredType() {
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes();

        for (byte[] file : new byte[][] {pdf, svg}) {
            HttpTestClient.Response entry = http.postMultipart("/api/entry/help", FIELDS, "photo", "photo.jpg",
                    "image/jpeg", file);
            assertThat(entry.status()).isEqualTo(415);
            assertThat(entry.field("error")).isEqualTo("unsupported_photo_type");
            assertThat(entry.field("message")).contains("JPEG, PNG, WebP or HEIC");
        }
    }

    @Test
    void photosAreRecognisedByContent() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] heic = "\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(PhotoType.sniff(jpeg(10))).contains(PhotoType.JPEG);
        assertThat(PhotoType.sniff(png)).contains(PhotoType.PNG);
        assertThat(PhotoType.sniff(webp)).contains(PhotoType.WEBP);
        assertThat(PhotoType.sniff(heic)).contains(PhotoType.HEIC);
        assertThat(PhotoType.sniff("GIF89a".getBytes())).isEmpty();
        assertThat(PhotoType.sniff(new byte[0])).isEmpty();
        // a name says nothing: a PNG sent as leak.jpg is stored as the PNG it is
        HttpTestClient.Response entry = http.postMultipart("/api/entry/help", FIELDS, "photo", "leak.jpg",
                "image/jpeg", png);
        assertThat(entry.status()).isEqualTo(201);
    }

    @Test
    void missingOrMalformedFieldsAreRefusedWithTheFieldNamed() {
        Map<String, String> noOrder = Map.of("language", "es", "category", "coffee-machines");
        assertRefused(http.postMultipart("/api/entry/help", noOrder, null, null, null, null), "orderNumber");
        Map<String, String> badLanguage = Map.of("language", "<script>", "category", "x", "orderNumber", "1");
        assertRefused(http.postMultipart("/api/entry/help", badLanguage, null, null, null, null), "language");
        Map<String, String> longDescription = Map.of("language", "es", "category", "x", "orderNumber", "1",
                "description", "d".repeat(1001));
        assertRefused(http.postMultipart("/api/entry/help", longDescription, null, null, null, null), "description");
        Map<String, String> extra = Map.of("language", "es", "category", "x", "orderNumber", "1", "tier", "vip");
        assertRefused(http.postMultipart("/api/entry/help", extra, null, null, null, null), "tier");
        assertThat(http.postJson("/api/entry/help", Map.of("language", "es"), Map.of()).status()).isEqualTo(400);
    }

    private static void assertRefused(HttpTestClient.Response response, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.field("error")).isEqualTo("invalid_field");
        assertThat(response.field("message")).contains(field);
    }

    /** Bytes that start like a JPEG file, padded to {@code size}. */
    private static byte[] jpeg(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0});
        byte[] padding = new byte[Math.max(0, size - out.size())];
        Arrays.fill(padding, (byte) 0x42);
        out.writeBytes(padding);
        return out.toByteArray();
    }
}
