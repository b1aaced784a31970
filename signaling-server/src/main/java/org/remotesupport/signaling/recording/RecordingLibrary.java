package org.remotesupport.signaling.recording;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The training library over the {@link RecordingIndex}: checks and normalises supervisors' tags and
 * notes against the configured limits before the index stores them, and counts the distinct values
 * of the search filters (facets) for the library page's drop-downs. Tickets carry no fault tags, so
 * every tag comes from staff here. Called on servlet threads; thread-safe.
 */
public final class RecordingLibrary {

    // a letter or digit first, then letters, digits, spaces and a little punctuation ("e12 error", "o-ring")
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M} ._+#/-]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final RecordingIndex index;
    private final LibraryProperties limits;
    private final Clock clock;
    private final SecureRandom random;

    public RecordingLibrary(RecordingIndex index, LibraryProperties limits, Clock clock, SecureRandom random) {
        this.index = index;
        this.limits = limits;
        this.clock = clock;
        this.random = random;
    }

    /** One distinct value of a filter and how many recordings have it; {@code label} names an agent. */
    public record Count(String value, String label, long count) {
    }

    /** The distinct values of each filter, most frequent first. */
    public record Facets(List<Count> products, List<Count> categories, List<Count> languages, List<Count> agents,
                         List<Count> outcomes, List<Count> tags) {
    }

    /**
     * Replaces a recording's tags with these, trimmed, lower case, inner spaces collapsed, duplicates
     * dropped; an empty list removes them all. Returns the tags as stored.
     *
     * @throws LibraryException with {@code invalid_tag}, {@code tag_too_long}, {@code too_many_tags} or {@code not_found}
     */
    public List<String> setTags(String recordingId, List<String> tags) {
        if (tags == null) {
            throw new LibraryException(LibraryException.INVALID_TAG, "tags must be a list of words");
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String tag : tags) {
            normalised.add(normaliseTag(tag));
        }
        if (normalised.size() > limits.maxTags()) {
            throw new LibraryException(LibraryException.TOO_MANY_TAGS,
                    "a recording carries at most " + limits.maxTags() + " tags");
        }
        List<String> stored = List.copyOf(normalised);
        if (!index.setTags(recordingId, stored)) {
            throw new LibraryException(LibraryException.NO_RECORDING, "no recording with this id");
        }
        return stored;
    }

    /** A tag as the library stores it, or a refusal; also for search filters, so that they match stored tags. */
    public String normaliseTag(String tag) {
        if (tag == null) {
            throw new LibraryException(LibraryException.INVALID_TAG, "a tag is empty");
        }
        String clean = SPACES.matcher(tag.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (clean.codePointCount(0, clean.length()) > limits.maxTagLength()) {
            throw new LibraryException(LibraryException.TAG_TOO_LONG,
                    "a tag has at most " + limits.maxTagLength() + " characters");
        }
        if (!TAG.matcher(clean).matches()) {
            throw new LibraryException(LibraryException.INVALID_TAG,
                    "a tag starts with a letter or digit and holds letters, digits, spaces and . _ + # / - only");
        }
        return clean;
    }

    /**
     * Appends a note by this staff member (or integration), now.
     *
     * @throws LibraryException with {@code invalid_note}, {@code note_too_long}, {@code too_many_notes} or {@code not_found}
     */
    public RecordingNote addNote(String recordingId, String author, String authorName, String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            throw new LibraryException(LibraryException.INVALID_NOTE, "a note needs some text");
        }
        if (clean.codePointCount(0, clean.length()) > limits.maxNoteLength()) {
            throw new LibraryException(LibraryException.NOTE_TOO_LONG,
                    "a note has at most " + limits.maxNoteLength() + " characters");
        }
        if (clean.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new LibraryException(LibraryException.INVALID_NOTE, "a note holds no control characters");
        }
        RecordingNote note = new RecordingNote(newId(), author, authorName, clean, clock.instant());
        return switch (index.addNote(recordingId, note, limits.maxNotes())) {
            case ADDED -> note;
            case FULL -> throw new LibraryException(LibraryException.TOO_MANY_NOTES,
                    "a recording holds at most " + limits.maxNotes() + " notes");
            case NO_RECORDING -> throw new LibraryException(LibraryException.NO_RECORDING, "no recording with this id");
        };
    }

    /** The facets of the recordings {@code visibleTo} was in, or of every recording when it is null. */
    public Facets facets(String visibleTo) {
        Map<String, Map<String, long[]>> counts = new HashMap<>();
        Map<String, String> agentNames = new HashMap<>();
        index.forEach(entry -> {
            if (visibleTo != null && !visibleTo.equals(entry.agent()) && !entry.staff().contains(visibleTo)) {
                return;
            }
            count(counts, "products", entry.product());
            count(counts, "categories", entry.category());
            count(counts, "languages", entry.language());
            count(counts, "agents", entry.agent());
            count(counts, "outcomes", entry.outcome());
            entry.tags().forEach(tag -> count(counts, "tags", tag));
            if (entry.agent() != null && entry.agentName() != null) {
                agentNames.put(entry.agent(), entry.agentName());
            }
        });
        Function<String, List<Count>> list = name -> {
            List<Count> out = new ArrayList<>();
            counts.getOrDefault(name, Map.of()).forEach((value, n) -> out.add(
                    new Count(value, "agents".equals(name) ? agentNames.get(value) : null, n[0])));
            out.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
            return out;
        };
        return new Facets(list.apply("products"), list.apply("categories"), list.apply("languages"),
                list.apply("agents"), list.apply("outcomes"), list.apply("tags"));
    }

    private static void count(Map<String, Map<String, long[]>> counts, String facet, String value) {
        if (value != null && !value.isBlank()) {
            counts.computeIfAbsent(facet, f -> new HashMap<>()).computeIfAbsent(value, v -> new long[1])[0]++;
        }
    }

    private String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }
}
