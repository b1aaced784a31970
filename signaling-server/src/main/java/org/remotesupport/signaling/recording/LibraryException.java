package org.remotesupport.signaling.recording;

/**
 * A tag or note the training library refuses: a stable code ({@link #INVALID_TAG}, {@link #TAG_TOO_LONG},
 * {@link #TOO_MANY_TAGS}, {@link #INVALID_NOTE}, {@link #NOTE_TOO_LONG}, {@link #TOO_MANY_NOTES},
 * {@link #NO_RECORDING}) and a message for people. Nothing stored changed.
 */
public final class LibraryException extends RuntimeException {

    public static final String INVALID_TAG = "invalid_tag";
    public static final String TAG_TOO_LONG = "tag_too_long";
    public static final String TOO_MANY_TAGS = "too_many_tags";
    public static final String INVALID_NOTE = "invalid_note";
    public static final String NOTE_TOO_LONG = "note_too_long";
    public static final String TOO_MANY_NOTES = "too_many_notes";
    public static final String NO_RECORDING = "not_found";

    private final String code;

    LibraryException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
