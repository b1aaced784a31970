package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordingIndex} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the index as a second signaling node holds it.
 */
public abstract class RecordingIndexContract {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** A new, empty index. */
    protected abstract RecordingIndex newIndex();

    /** The index last made by {@link #newIndex()}, as another node holds it. */
    protected abstract RecordingIndex anotherNode();

    static RecordingEntry entry(String id, String session, String product, String category, String language,
                                String agent, Instant startedAt, Instant endedAt, String outcome) {
        RecordingEntry.Consent consent = new RecordingEntry.Consent("c-" + session, "Customer", agent,
                startedAt.minusSeconds(5), startedAt.minusSeconds(1), true);
        return new RecordingEntry(id, session, "t-" + session, product, category, language, agent, agent,
                List.of(agent), startedAt.minusSeconds(30), startedAt, endedAt,
                endedAt == null ? 0 : endedAt.toEpochMilli() - startedAt.toEpochMilli(), outcome, consent,
                endedAt == null ? RecordingEntry.RECORDING : RecordingEntry.COMPLETE, id + ".webm", "video/webm",
                1000, 640, 480, 2, "timelines/" + session + ".json");
    }

    @Test
    void anEntryIsReadBackWholeFromAnotherNode() {
        RecordingIndex index = newIndex();
        RecordingEntry entry = entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, T0.plusSeconds(60),
                "resolved");
        index.save(entry);
        assertThat(anotherNode().find("r1")).contains(entry);
        assertThat(anotherNode().find("nope")).isEmpty();
        RecordingEntry finished = entry.withOutcome("replacement").withStaff("sam");
        index.save(finished);
        assertThat(anotherNode().find("r1")).contains(finished);
        assertThat(anotherNode().ofSession("s1")).containsExactly(finished);
    }

    @Test
    void searchFiltersByEveryFieldAndDateNewestFirst() {
        RecordingIndex index = newIndex();
        RecordingEntry a = entry("a", "s1", "X200", "coffee-machines", "en", "ana", T0, T0.plusSeconds(60), "resolved");
        RecordingEntry b = entry("b", "s2", "X200", "coffee-machines", "es", "li", T0.plusSeconds(3600),
                T0.plusSeconds(3700), "return");
        RecordingEntry c = entry("c", "s3", "E-5", "e-bikes", "en", "ana", T0.plusSeconds(86_400 * 2), null, null);
        index.save(a);
        index.save(b);
        index.save(c);
        RecordingIndex other = anotherNode();
        assertThat(other.search(RecordingQuery.all(10))).extracting(RecordingEntry::recordingId)
                .containsExactly("c", "b", "a");
        assertThat(other.search(RecordingQuery.all(2))).extracting(RecordingEntry::recordingId).containsExactly("c", "b");
        assertThat(other.search(query("x200", null, null, null, null, null, null)))
                .extracting(RecordingEntry::recordingId).containsExactly("b", "a");
        assertThat(other.search(query(null, "e-bikes", null, null, null, null, null)))
                .extracting(RecordingEntry::recordingId).containsExactly("c");
        assertThat(other.search(query(null, null, "resolved", null, null, null, null)))
                .extracting(RecordingEntry::recordingId).containsExactly("a");
        assertThat(other.search(query(null, null, null, "ana", null, null, null)))
                .extracting(RecordingEntry::recordingId).containsExactly("c", "a");
        assertThat(other.search(query(null, null, null, null, "es", null, null)))
                .extracting(RecordingEntry::recordingId).containsExactly("b");
        assertThat(other.search(query(null, null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(86_400))))
                .extracting(RecordingEntry::recordingId).containsExactly("b");
        assertThat(other.search(query(null, null, null, "nobody", null, null, null))).isEmpty();
    }

    @Test
    void endedBeforeListsFinishedRecordingsOldestFirstAndDeleteRemovesThem() {
        RecordingIndex index = newIndex();
        index.save(entry("old", "s1", "p", "c", "en", "ana", T0, T0.plusSeconds(10), null));
        index.save(entry("newer", "s2", "p", "c", "en", "ana", T0.plusSeconds(100), T0.plusSeconds(110), null));
        index.save(entry("running", "s3", "p", "c", "en", "ana", T0.minusSeconds(100), null, null));
        assertThat(anotherNode().endedBefore(T0.plusSeconds(200), 10)).extracting(RecordingEntry::recordingId)
                .containsExactly("old", "newer");
        assertThat(anotherNode().endedBefore(T0.plusSeconds(50), 10)).extracting(RecordingEntry::recordingId)
                .containsExactly("old");
        assertThat(index.delete("old")).isTrue();
        assertThat(index.delete("old")).isFalse();
        assertThat(anotherNode().find("old")).isEmpty();
        assertThat(anotherNode().endedBefore(T0.plusSeconds(200), 10)).extracting(RecordingEntry::recordingId)
                .containsExactly("newer");
        assertThat(anotherNode().search(RecordingQuery.all(10))).extracting(RecordingEntry::recordingId)
                .containsExactly("newer", "running");
    }

    @Test
    void tagsAndNotesAreReadFromAnotherNodeAndSurviveTheRecordingRewritingItsEntry() {
        RecordingIndex index = newIndex();
        RecordingEntry running = entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, null, null);
        index.save(running);
        assertThat(index.setTags("r1", List.of("leak", "boiler"))).isTrue();
        RecordingNote note = new RecordingNote("n1", "sam", "Sam", "Watch how she finds the seal", T0.plusSeconds(5));
        assertThat(index.addNote("r1", note, 10)).isEqualTo(RecordingIndex.NoteAdded.ADDED);
        // the recording finishes and gets its outcome: its entry is written again, without tags of its own
        index.save(running.finished(T0.plusSeconds(60), RecordingEntry.COMPLETE, 60_000, 5000, 640, 480, 2));
        index.save(index.find("r1").orElseThrow().withOutcome("resolved_remotely").withLibrary(List.of(), List.of()));

        RecordingEntry read = anotherNode().find("r1").orElseThrow();
        assertThat(read.tags()).containsExactly("leak", "boiler");
        assertThat(read.notes()).containsExactly(note);
        assertThat(read.outcome()).isEqualTo("resolved_remotely");
        assertThat(read.state()).isEqualTo(RecordingEntry.COMPLETE);
        assertThat(anotherNode().search(RecordingQuery.all(10))).singleElement()
                .satisfies(e -> assertThat(e.tags()).containsExactly("leak", "boiler"));

        // tags are replaced as a set; notes accumulate, oldest first
        assertThat(anotherNode().setTags("r1", List.of("seal"))).isTrue();
        RecordingNote second = new RecordingNote("n2", "sam", "Sam", "Then the descaling", T0.plusSeconds(9));
        assertThat(anotherNode().addNote("r1", second, 10)).isEqualTo(RecordingIndex.NoteAdded.ADDED);
        assertThat(index.find("r1").orElseThrow().tags()).containsExactly("seal");
        assertThat(index.find("r1").orElseThrow().notes()).containsExactly(note, second);
    }

    @Test
    void notesStopAtTheLimitAndNothingIsAddedToARecordingThatIsNotThere() {
        RecordingIndex index = newIndex();
        index.save(entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, T0.plusSeconds(60), null));
        for (int i = 0; i < 3; i++) {
            assertThat(index.addNote("r1", new RecordingNote("n" + i, "sam", "Sam", "note " + i, T0), 3))
                    .isEqualTo(RecordingIndex.NoteAdded.ADDED);
        }
        assertThat(anotherNode().addNote("r1", new RecordingNote("n9", "sam", "Sam", "one more", T0), 3))
                .isEqualTo(RecordingIndex.NoteAdded.FULL);
        assertThat(anotherNode().find("r1").orElseThrow().notes()).extracting(RecordingNote::text)
                .containsExactly("note 0", "note 1", "note 2");
        assertThat(index.addNote("nope", new RecordingNote("n1", "sam", "Sam", "x", T0), 3))
                .isEqualTo(RecordingIndex.NoteAdded.NO_RECORDING);
        assertThat(index.setTags("nope", List.of("leak"))).isFalse();
        assertThat(anotherNode().find("nope")).isEmpty();

        // deleting takes the tags and notes along: a recording saved again under the id starts bare
        index.setTags("r1", List.of("leak"));
        assertThat(index.delete("r1")).isTrue();
        index.save(entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, T0.plusSeconds(60), null));
        assertThat(anotherNode().find("r1").orElseThrow().tags()).isEmpty();
        assertThat(anotherNode().find("r1").orElseThrow().notes()).isEmpty();
    }

    @Test
    void searchByAllTagsByTextAndByWhoWasInTheSession() {
        RecordingIndex index = newIndex();
        index.save(entry("a", "s1", "X200", "coffee-machines", "en", "ana", T0, T0.plusSeconds(60), "resolved")
                .withDescription("Water leaks under the boiler"));
        index.save(entry("b", "s2", "E-5", "e-bikes", "es", "li", T0.plusSeconds(60), T0.plusSeconds(120), "return"));
        index.save(entry("c", "s3", "X200", "coffee-machines", "en", "li", T0.plusSeconds(120), T0.plusSeconds(180),
                "resolved").withStaff("ana"));
        index.setTags("a", List.of("leak", "seal"));
        index.setTags("b", List.of("battery"));
        index.setTags("c", List.of("leak", "descaling"));
        index.addNote("b", new RecordingNote("n1", "sam", "Sam", "Good example of a calm GASKET check", T0), 10);
        RecordingIndex other = anotherNode();

        assertThat(other.search(tagged(List.of("leak")))).extracting(RecordingEntry::recordingId)
                .containsExactly("c", "a");
        assertThat(other.search(tagged(List.of("leak", "seal")))).extracting(RecordingEntry::recordingId)
                .containsExactly("a");
        assertThat(other.search(tagged(List.of("Leak", "battery")))).isEmpty();
        // text: the ticket's description, a note, a tag, the product, ignoring case
        assertThat(other.search(text("boiler"))).extracting(RecordingEntry::recordingId).containsExactly("a");
        assertThat(other.search(text("gasket"))).extracting(RecordingEntry::recordingId).containsExactly("b");
        assertThat(other.search(text("DESCAL"))).extracting(RecordingEntry::recordingId).containsExactly("c");
        assertThat(other.search(text("e-5"))).extracting(RecordingEntry::recordingId).containsExactly("b");
        assertThat(other.search(text("bikes"))).extracting(RecordingEntry::recordingId).containsExactly("b");
        assertThat(other.search(text("nothing like it"))).isEmpty();
        // filters combine: tag and outcome
        assertThat(other.search(new RecordingQuery(null, null, "resolved", null, null, null, null, null, 50,
                List.of("leak"), null, null))).extracting(RecordingEntry::recordingId).containsExactly("c", "a");
        // an agent's own view: sessions it led or joined
        assertThat(other.search(new RecordingQuery(null, null, null, null, null, null, null, null, 50,
                List.of(), null, "ana"))).extracting(RecordingEntry::recordingId).containsExactly("c", "a");
        assertThat(other.search(new RecordingQuery(null, null, null, null, null, null, null, null, 1,
                List.of(), null, "ana"))).extracting(RecordingEntry::recordingId).containsExactly("c");

        List<String> visited = new java.util.ArrayList<>();
        other.forEach(e -> visited.add(e.recordingId() + ":" + String.join("+", e.tags())));
        assertThat(visited).containsExactlyInAnyOrder("a:leak+seal", "b:battery", "c:leak+descaling");
    }

    private static RecordingQuery tagged(List<String> tags) {
        return new RecordingQuery(null, null, null, null, null, null, null, null, 50, tags, null, null);
    }

    private static RecordingQuery text(String text) {
        return new RecordingQuery(null, null, null, null, null, null, null, null, 50, List.of(), text, null);
    }

    private static RecordingQuery query(String product, String category, String outcome, String agent, String language,
                                        Instant from, Instant to) {
        return new RecordingQuery(product, category, outcome, agent, language, null, from, to, 50);
    }
}
