package org.remotesupport.signaling.entry;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PhotoStore} in this process's memory (the embedded default). Thread-safe. */
public final class InMemoryPhotoStore implements PhotoStore {

    private final Map<String, Photo> photos = new ConcurrentHashMap<>();

    @Override
    public String store(Photo photo) {
        String ref = UUID.randomUUID().toString();
        photos.put(ref, photo);
        return ref;
    }

    @Override
    public Optional<Photo> load(String ref) {
        return Optional.ofNullable(photos.get(ref));
    }
}
