package org.remotesupport.signaling.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.remotesupport.signaling.entry.PhotoStore;

/**
 * A {@link PhotoStore} in Redis, so that an agent on any node sees the photo a customer sent to
 * another: each photo is the binary string {@code rs:photo:{ref}} (media type, a line feed, the
 * image bytes), written with one {@code SET … PX} and kept for the ticket retention period. References
 * are 128 random bits. Called from any thread.
 */
public final class RedisPhotoStore implements PhotoStore {

    private static final Pattern REF = Pattern.compile("[0-9a-f]{32}");

    private final RedisCommands<String, byte[]> redis;
    private final RedisKeys keys;
    private final Duration retention;
    private final RandomGenerator random;

    public RedisPhotoStore(RedisConnections connections, RedisKeys keys, Duration retention, RandomGenerator random) {
        this.redis = connections.binaryCommands();
        this.keys = keys;
        this.retention = retention;
        this.random = random;
    }

    @Override
    public String store(Photo photo) {
        byte[] type = photo.mediaType().getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[type.length + 1 + photo.bytes().length];
        System.arraycopy(type, 0, value, 0, type.length);
        value[type.length] = '\n';
        System.arraycopy(photo.bytes(), 0, value, type.length + 1, photo.bytes().length);
        byte[] id = new byte[16];
        random.nextBytes(id);
        String ref = HexFormat.of().formatHex(id);
        redis.set(keys.photo(ref), value, SetArgs.Builder.px(retention.toMillis()));
        return ref;
    }

    @Override
    public Optional<Photo> load(String ref) {
        // the reference becomes part of a key: only references this store made are looked up
        if (ref == null || !REF.matcher(ref).matches()) {
            return Optional.empty();
        }
        byte[] value = redis.get(keys.photo(ref));
        if (value == null) {
            return Optional.empty();
        }
        int newline = 0;
        while (newline < value.length && value[newline] != '\n') {
            newline++;
        }
        if (newline == value.length) {
            return Optional.empty();
        }
        return Optional.of(new Photo(Arrays.copyOfRange(value, newline + 1, value.length),
                new String(value, 0, newline, StandardCharsets.US_ASCII)));
    }
}
