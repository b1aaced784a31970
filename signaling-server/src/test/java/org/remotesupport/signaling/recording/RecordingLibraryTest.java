package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library's checks on tags and notes (each limit with its own code) and its facets, over the in-memory index. */
class RecordingLibraryTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final InMemoryRecordingIndex index = new InMemoryRecordingIndex();
    private final RecordingLibrary library = new RecordingLibrary(index, new LibraryProperties(3, 10, 2, 50),
            Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());

    @Test
    void tagsAreNormalisedDeduplicatedAndLimited() {
        index.save(RecordingIndexContract.entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, T0, null));
        assertThat(library.setTags("r1", List.of("  Leak ", "leak", "O-Ring", "E12   error"))).containsExactly("leak",
                "o-ring", "e12 error");
        assertThat(index.find("r1").orElseThrow().tags()).containsExactly("leak", "o-ring", "e12 error");

        assertRefused(() -> library.setTags("r1", List.of("a", "b", "c", "d")), LibraryException.TOO_MANY_TAGS);
        assertRefused(() -> library.setTags("r1", List.of("elevenchars")), LibraryException.TAG_TOO_LONG);
        assertRefused(() -> library.setTags("r1", List.of("")), LibraryException.INVALID_TAG);
        assertRefused(() -> library.setTags("r1", List.of("<b>")), LibraryException.INVALID_TAG);
        assertRefused(() -> library.setTags("r1", Collections.singletonList(null)), LibraryException.INVALID_TAG);
        assertRefused(() -> library.setTags("gone", List.of("leak")), LibraryException.NO_RECORDING);
        // nothing refused changed what was stored
        assertThat(index.find("r1").orElseThrow().tags()).containsExactly("leak", "o-ring", "e12 error");
        assertThat(library.setTags("r1", List.of())).isEmpty();
        assertThat(index.find("r1").orElseThrow().tags()).isEmpty();
    }

    @Test
    void notesAreCheckedAndCounted() {
        index.save(RecordingIndexContract.entry("r1", "s1", "X200", "coffee-machines", "en", "ana", T0, T0, null));
        RecordingNote note = library.addNote("r1", "sam", "Sam", "  Good seal check \n");
        assertThat(note.text()).isEqualTo("Good seal check");
        assertThat(note.at()).isEqualTo(T0);
        assertThat(note.authorName()).isEqualTo("Sam");
        assertRefused(() -> library.addNote("r1", "sam", "Sam", "x".repeat(51)), LibraryException.NOTE_TOO_LONG);
        assertRefused(() -> library.addNote("r1", "sam", "Sam", "   "), LibraryException.INVALID_NOTE);
        assertRefused(() -> library.addNote("r1", "sam", "Sam", "bell\u0007"), LibraryException.INVALID_NOTE);
        library.addNote("r1", "sam", "Sam", "second");
        assertRefused(() -> library.addNote("r1", "sam", "Sam", "third"), LibraryException.TOO_MANY_NOTES);
        assertRefused(() -> library.addNote("gone", "sam", "Sam", "text"), LibraryException.NO_RECORDING);
        assertThat(index.find("r1").orElseThrow().notes()).extracting(RecordingNote::text)
                .containsExactly("Good seal check", "second");
    }

    @Test
    void facetsCountTheValuesOfTheRecordingsOneMayRead() {
        index.save(RecordingIndexContract.entry("a", "s1", "X200", "coffee-machines", "en", "ana", T0, T0, "resolved"));
        index.save(RecordingIndexContract.entry("b", "s2", "X200", "coffee-machines", "es", "li", T0, T0, "return"));
        index.save(RecordingIndexContract.entry("c", "s3", "E-5", "e-bikes", "en", "li", T0, T0, null));
        library.setTags("a", List.of("leak"));
        library.setTags("b", List.of("leak", "seal"));

        RecordingLibrary.Facets all = library.facets(null);
        assertThat(all.products()).containsExactly(new RecordingLibrary.Count("X200", null, 2),
                new RecordingLibrary.Count("E-5", null, 1));
        assertThat(all.agents()).containsExactly(new RecordingLibrary.Count("li", "li", 2),
                new RecordingLibrary.Count("ana", "ana", 1));
        assertThat(all.outcomes()).extracting(RecordingLibrary.Count::value).containsExactly("resolved", "return");
        assertThat(all.tags()).containsExactly(new RecordingLibrary.Count("leak", null, 2),
                new RecordingLibrary.Count("seal", null, 1));
        assertThat(all.languages()).extracting(RecordingLibrary.Count::value).containsExactly("en", "es");

        RecordingLibrary.Facets anas = library.facets("ana");
        assertThat(anas.products()).containsExactly(new RecordingLibrary.Count("X200", null, 1));
        assertThat(anas.tags()).extracting(RecordingLibrary.Count::value).containsExactly("leak");
        assertThat(anas.categories()).extracting(RecordingLibrary.Count::value).containsExactly("coffee-machines");
    }

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(LibraryException.class)
                .satisfies(e -> assertThat(((LibraryException) e).code()).isEqualTo(code));
    }
}
