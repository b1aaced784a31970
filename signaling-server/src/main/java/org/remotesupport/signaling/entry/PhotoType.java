package org.remotesupport.signaling.entry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The photo formats the help page accepts, recognised by their content (the file's first bytes), never
 * by the name or the type the browser claims: a renamed script or document is refused. Stateless.
 */
public enum PhotoType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    /** HEIF containers: what iPhones take photos in. */
    HEIC("image/heic", "heic");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1");

    private final String mediaType;
    private final String extension;

    PhotoType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name extension a stored photo of this type gets. */
    public String extension() {
        return extension;
    }

    /** The type whose signature these bytes start with, if any. */
    public static Optional<PhotoType> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        if (bytes.length >= 12 && ascii(bytes, 4, 4).equals("ftyp") && HEIF_BRANDS.contains(ascii(bytes, 8, 4))) {
            return Optional.of(HEIC);
        }
        return Optional.empty();
    }

    /** The type with this extension, if any. */
    public static Optional<PhotoType> ofExtension(String extension) {
        return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
