package org.remotesupport.signaling.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@link PhotoStore} in a directory on local disk: one file per photo, named by a random id and the
 * type's extension. Thread-safe (every photo is its own file, written once). Several signaling nodes
 * can share it only through a shared file system.
 */
public final class DiskPhotoStore implements PhotoStore {

    private static final Pattern REF = Pattern.compile("[0-9a-f-]{36}\\.(jpg|png|webp|heic)");

    private final Path directory;

    public DiskPhotoStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the photo directory " + directory, e);
        }
    }

    @Override
    public String store(Photo photo) {
        PhotoType type = PhotoType.sniff(photo.bytes())
                .orElseThrow(() -> new IllegalArgumentException("not a photo of an accepted type"));
        String ref = UUID.randomUUID() + "." + type.extension();
        try {
            Files.write(directory.resolve(ref), photo.bytes(), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a photo", e);
        }
        return ref;
    }

    @Override
    public Optional<Photo> load(String ref) {
        // the reference becomes a file name: only names this store made are looked up
        if (ref == null || !REF.matcher(ref).matches()) {
            return Optional.empty();
        }
        PhotoType type = PhotoType.ofExtension(ref.substring(ref.indexOf('.') + 1)).orElseThrow();
        try {
            return Optional.of(new Photo(Files.readAllBytes(directory.resolve(ref)), type.mediaType()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read photo " + ref, e);
        }
    }
}
