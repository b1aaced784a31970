package org.remotesupport.signaling.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PhotoStore} promises, run against each implementation by a subclass;
 * {@link #anotherNode()} is the store as a second signaling node holds it.
 */
public abstract class PhotoStoreContract {

    protected abstract PhotoStore newStore();

    /** The store last made by {@link #newStore()}, as another node holds it. */
    protected abstract PhotoStore anotherNode();

    @Test
    void aPhotoIsReadBackByteForByteOnAnyNode() {
        PhotoStore store = newStore();
        byte[] jpeg = new byte[300_000];
        new Random(5).nextBytes(jpeg);
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        // every byte value, the line feed included, must survive
        for (int i = 0; i < 256; i++) {
            jpeg[3 + i] = (byte) i;
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        String ref = store.store(new PhotoStore.Photo(jpeg, "image/jpeg"));
        String other = store.store(new PhotoStore.Photo(png, "image/png"));

        assertThat(ref).isNotEqualTo(other);
        PhotoStore.Photo read = anotherNode().load(ref).orElseThrow();
        assertThat(read.mediaType()).isEqualTo("image/jpeg");
        assertThat(read.bytes()).isEqualTo(jpeg);
        PhotoStore.Photo second = anotherNode().load(other).orElseThrow();
        assertThat(second.mediaType()).isEqualTo("image/png");
        assertThat(second.bytes()).isEqualTo(png);
    }

    @Test
    void anUnknownOrMalformedReferenceFindsNothing() {
        PhotoStore store = newStore();
        assertThat(store.load("unknown")).isEmpty();
        assertThat(store.load("../../etc/passwd")).isEmpty();
        assertThat(store.load("")).isEmpty();
    }
}
