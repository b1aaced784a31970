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

    private static RecordingQuery query(String product, String category, String outcome, String agent, String language,
                                        Instant from, Instant to) {
        return new RecordingQuery(product, category, outcome, agent, language, null, from, to, 50);
    }
}
