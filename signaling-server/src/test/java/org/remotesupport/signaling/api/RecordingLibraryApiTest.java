package org.remotesupport.signaling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remotesupport.signaling.HttpTestClient.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.HttpTestClient;
import org.remotesupport.signaling.MutableClock;
import org.remotesupport.signaling.SignalingTestApplication;
import org.remotesupport.signaling.TestIdentities;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.Account;
import org.remotesupport.signaling.identity.AccountRole;
import org.remotesupport.signaling.recording.RecordingEntry;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The training library over real HTTP: supervisors tag recordings and write notes, trainees search by
 * tags, outcome and text and read the notes, agents read them on their own recordings only, and
 * customers, trainees and agents cannot change them; every limit answers with its own code and leaves
 * what is stored alone. The recordings are put straight into the index: the media plays no part here.
 */
@SpringBootTest(classes = SignalingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"remote-support.identity.api-keys=" + RecordingLibraryApiTest.API_KEY,
                "remote-support.recording.library.max-tags=3", "remote-support.recording.library.max-tag-length=12",
                "remote-support.recording.library.max-notes=2", "remote-support.recording.library.max-note-length=100"})
class RecordingLibraryApiTest {

    static final String API_KEY = "library-integration-key-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    TestIdentities identities;

    @Autowired
    AccessTokens tokens;

    @Autowired
    RecordingIndex index;

    @Autowired
    MutableClock clock;

    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void aSupervisorTagsAndNotesWhatTraineesFindAndReadAndOnlyItsAgentAmongAgentsSees() {
        String product = "LIB-" + System.nanoTime();
        index.save(entry("liba1", product, "coffee-machines", "es", "ana", T0, "resolved_remotely"));
        index.save(entry("liba2", product, "coffee-machines", "en", "li", T0.plusSeconds(60), "resolved_remotely"));
        index.save(entry("liba3", product, "e-bikes", "en", "ana", T0.plusSeconds(120), "return"));
        Map<String, String> supervisor = bearer(identities.staff("Sam", AccountRole.SUPERVISOR));
        Map<String, String> trainee = bearer(identities.staff("Tia", AccountRole.TRAINEE));
        Map<String, String> ana = bearer(tokens.issue(new Account("ana", "Ana", "unused", AccountRole.AGENT,
                List.of("en"), List.of())).token());
        Map<String, String> otherAgent = bearer(identities.agent("Bo"));
        Map<String, String> customer = bearer(identities.queuedCustomer("Carla"));

        HttpTestClient.Response tagged = http.putJson("/api/recordings/liba1/tags",
                Map.of("tags", List.of("Leak", "Seal ", "leak")), supervisor);
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(200);
        assertThat(texts(tagged.json().get("tags"))).containsExactly("leak", "seal");
        assertThat(http.putJson("/api/recordings/liba2/tags", Map.of("tags", List.of("leak")), supervisor).status())
                .isEqualTo(200);
        assertThat(http.putJson("/api/recordings/liba3/tags", Map.of("tags", List.of("leak")), Map.of("X-Api-Key",
                API_KEY)).status()).isEqualTo(200);
        HttpTestClient.Response note = http.postJson("/api/recordings/liba1/notes",
                Map.of("text", "Watch how the gasket is checked"), supervisor);
        assertThat(note.status()).as(note.text()).isEqualTo(201);
        assertThat(note.field("authorName")).isEqualTo("Sam");
        assertThat(note.field("text")).isEqualTo("Watch how the gasket is checked");
        assertThat(note.json().get("at").asLong()).isEqualTo(clock.instant().toEpochMilli());

        // the trainee filters by a tag and an outcome: exactly the matching recordings, newest first
        assertThat(ids(http.get("/api/recordings?product=" + product + "&tags=leak&outcome=resolved_remotely",
                trainee))).containsExactly("liba2", "liba1");
        assertThat(ids(http.get("/api/recordings?product=" + product + "&tags=leak,seal", trainee)))
                .containsExactly("liba1");
        assertThat(ids(http.get("/api/recordings?product=" + product + "&tags=leak&tags=return", trainee))).isEmpty();
        assertThat(ids(http.get("/api/recordings?product=" + product + "&q=GASKET", trainee)))
                .containsExactly("liba1");
        JsonNode read = http.get("/api/recordings/liba1", trainee).json();
        assertThat(texts(read.get("tags"))).containsExactly("leak", "seal");
        assertThat(read.get("notes").get(0).get("text").asText()).isEqualTo("Watch how the gasket is checked");
        assertThat(read.get("notes").get(0).get("author").asText()).startsWith("sam-");

        // the facets count what the caller may read
        JsonNode facets = http.get("/api/recordings/facets", trainee).json();
        assertThat(count(facets.get("products"), product)).isEqualTo(3);
        assertThat(count(facets.get("tags"), "seal")).isGreaterThanOrEqualTo(1);
        JsonNode anasFacets = http.get("/api/recordings/facets", ana).json();
        assertThat(count(anasFacets.get("products"), product)).isEqualTo(2);
        assertThat(count(http.get("/api/recordings/facets", otherAgent).json().get("products"), product)).isZero();

        // an agent reads the notes on its own recordings; another agent finds nothing
        assertThat(http.get("/api/recordings/liba1", ana).json().get("notes")).hasSize(1);
        assertThat(ids(http.get("/api/recordings?product=" + product + "&tags=leak", ana)))
                .containsExactly("liba3", "liba1");
        assertThat(http.get("/api/recordings/liba1", otherAgent).status()).isEqualTo(404);
        assertThat(ids(http.get("/api/recordings?product=" + product, otherAgent))).isEmpty();

        // only supervisors, admins and integrations change tags and notes
        for (Map<String, String> refused : List.of(trainee, ana, customer)) {
            assertError(http.putJson("/api/recordings/liba1/tags", Map.of("tags", List.of("wrong")), refused), 403,
                    "forbidden");
            assertError(http.postJson("/api/recordings/liba1/notes", Map.of("text", "mine"), refused), 403,
                    "forbidden");
        }
        assertError(http.get("/api/recordings?tags=leak", customer), 403, "forbidden");
        assertError(http.get("/api/recordings/facets", customer), 403, "forbidden");
        assertError(http.get("/api/recordings/facets", Map.of()), 401, "unauthorized");
        RecordingEntry stored = index.find("liba1").orElseThrow();
        assertThat(stored.tags()).containsExactly("leak", "seal");
        assertThat(stored.notes()).hasSize(1);
    }

    @Test
    void everyLimitAnswersWithItsOwnCodeAndKeepsWhatIsStored() {
        index.save(entry("libb1", "LIM-" + System.nanoTime(), "coffee-machines", "en", "ana", T0, null));
        Map<String, String> supervisor = bearer(identities.staff("Sue", AccountRole.SUPERVISOR));
        assertThat(http.putJson("/api/recordings/libb1/tags", Map.of("tags", List.of("leak")), supervisor).status())
                .isEqualTo(200);
        assertThat(http.postJson("/api/recordings/libb1/notes", Map.of("text", "first"), supervisor).status())
                .isEqualTo(201);

        assertError(http.putJson("/api/recordings/libb1/tags", Map.of("tags", List.of("a", "b", "c", "d")),
                supervisor), 400, "too_many_tags");
        assertError(http.putJson("/api/recordings/libb1/tags", Map.of("tags", List.of("thirteen-char")), supervisor),
                400, "tag_too_long");
        assertError(http.putJson("/api/recordings/libb1/tags", Map.of("tags", List.of("<script>")), supervisor),
                400, "invalid_tag");
        assertError(http.putJson("/api/recordings/libb1/tags", Map.of("labels", List.of("leak")), supervisor),
                400, "invalid_field");
        assertError(http.putJson("/api/recordings/libb1/tags", "[\"leak\"", supervisor), 400, "invalid_request");
        assertError(http.putJson("/api/recordings/libb1/tags", Map.of("tags", List.of("x".repeat(20_000))),
                supervisor), 413, "body_too_large");
        assertError(http.postJson("/api/recordings/libb1/notes", Map.of("text", "n".repeat(101)), supervisor), 400,
                "note_too_long");
        assertError(http.postJson("/api/recordings/libb1/notes", Map.of("text", "  "), supervisor), 400,
                "invalid_note");
        assertThat(http.postJson("/api/recordings/libb1/notes", Map.of("text", "second"), supervisor).status())
                .isEqualTo(201);
        assertError(http.postJson("/api/recordings/libb1/notes", Map.of("text", "third"), supervisor), 409,
                "too_many_notes");
        assertError(http.putJson("/api/recordings/nosuchrecording/tags", Map.of("tags", List.of("leak")), supervisor),
                404, "not_found");
        assertError(http.postJson("/api/recordings/nosuchrecording/notes", Map.of("text", "x"), supervisor), 404,
                "not_found");
        assertError(http.get("/api/recordings?tags=" + "x".repeat(13), supervisor), 400, "tag_too_long");

        RecordingEntry stored = index.find("libb1").orElseThrow();
        assertThat(stored.tags()).containsExactly("leak");
        assertThat(stored.notes()).extracting(n -> n.text()).containsExactly("first", "second");
    }

    private static RecordingEntry entry(String id, String product, String category, String language, String agent,
                                        Instant startedAt, String outcome) {
        RecordingEntry.Consent consent = new RecordingEntry.Consent("c-" + id, "Customer", agent,
                startedAt.minusSeconds(5), startedAt.minusSeconds(1), true);
        return new RecordingEntry(id, "s-" + id, "t-" + id, product, category, language, agent, agent, List.of(agent),
                startedAt.minusSeconds(30), startedAt, startedAt.plusSeconds(40), 40_000, outcome, consent,
                RecordingEntry.COMPLETE, id + ".webm", "video/webm", 1000, 640, 480, 2, "timelines/s-" + id + ".json");
    }

    private static List<String> ids(HttpTestClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("recordings").forEach(r -> ids.add(r.get("recordingId").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static long count(JsonNode facet, String value) {
        for (JsonNode item : facet) {
            if (item.get("value").asText().equals(value)) {
                return item.get("count").asLong();
            }
        }
        return 0;
    }

    private static void assertError(HttpTestClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("error")).as(response.text()).isEqualTo(code);
        assertThat(response.field("message")).isNotBlank();
    }
}
