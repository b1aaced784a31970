package org.remotesupport.signaling.matching;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.remotesupport.protocol.signaling.ErrorCode;
import org.remotesupport.signaling.session.SignalingException;

/**
 * The schema of the presence, queue and offer messages beyond what JSON decoding checks: required
 * fields, lengths, ranges and formats. Throws {@code invalid_field} naming the field; stateless.
 */
public final class PairingRequests {

    /** Most languages one agent may declare. */
    public static final int MAX_LANGUAGES = 16;
    /** Most categories one agent may declare. */
    public static final int MAX_CATEGORIES = 32;
    /** Largest capacity one agent may declare. */
    public static final int MAX_CAPACITY = 10;
    /** Longest product, order number and category. */
    public static final int MAX_FIELD_LENGTH = 64;
    /** Longest description. */
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /** Longest offer, ticket or agent id. */
    public static final int MAX_ID_LENGTH = 128;

    // BCP 47-like: a primary tag and optional subtags, compared in lower case
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9 _.-]{0,63}");

    private PairingRequests() {
    }

    /** A language tag in lower case. */
    public static String language(String field, String value) {
        String tag = required(field, value).strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(tag).matches()) {
            throw invalid(field + " must be a language tag such as en or pt-br");
        }
        return tag;
    }

    /** A product category in lower case. */
    public static String category(String field, String value) {
        String category = required(field, value).strip().toLowerCase(Locale.ROOT);
        if (!CATEGORY.matcher(category).matches()) {
            throw invalid(field + " must be 1 to 64 letters, digits, spaces, dots, dashes or underscores");
        }
        return category;
    }

    /** The languages an agent declares: 1 to {@value #MAX_LANGUAGES} tags, duplicates dropped. */
    public static Set<String> languages(List<String> values) {
        if (values == null || values.isEmpty() || values.size() > MAX_LANGUAGES) {
            throw invalid("languages must list 1 to " + MAX_LANGUAGES + " language tags");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : values) {
            tags.add(language("languages", value));
        }
        return tags;
    }

    /** The categories an agent declares: up to {@value #MAX_CATEGORIES}, duplicates dropped. */
    public static Set<String> categories(List<String> values) {
        if (values.size() > MAX_CATEGORIES) {
            throw invalid("categories must list at most " + MAX_CATEGORIES + " categories");
        }
        Set<String> categories = new LinkedHashSet<>();
        for (String value : values) {
            categories.add(category("categories", value));
        }
        return categories;
    }

    public static int capacity(Integer value) {
        if (value < 1 || value > MAX_CAPACITY) {
            throw invalid("capacity must be 1 to " + MAX_CAPACITY);
        }
        return value;
    }

    /** Optional free text: null stays null; control characters other than line breaks are refused. */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw invalid(field + " must have at most " + maxLength + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw invalid(field + " must not contain control characters");
        }
        return text;
    }

    /** A required id (offer, ticket, agent, session) of 1 to {@value #MAX_ID_LENGTH} characters. */
    public static String id(String field, String value) {
        String id = required(field, value);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw invalid(field + " must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static SignalingException invalid(String message) {
        return new SignalingException(ErrorCode.INVALID_FIELD, message);
    }
}
