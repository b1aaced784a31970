package org.remotesupport.signaling.entry;

import java.util.Optional;

/**
 * Keeps the photos customers attach on the help page. Photos are checked before they get here (size,
 * and type by their content). Every method may be called from any thread.
 */
public interface PhotoStore {

    /** A stored photo: its bytes and media type ({@code image/jpeg}, {@code image/png} or {@code image/webp}). */
    record Photo(byte[] bytes, String mediaType) {
    }

    /** Stores a photo and returns the reference to keep with the ticket. */
    String store(Photo photo);

    /** The photo with this reference, if stored. */
    Optional<Photo> load(String ref);
}
