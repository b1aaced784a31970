package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * What every {@link RecordingStore} does, run against each implementation with a real backend: a
 * file the relay wrote into the spool is committed and then read whole and by range, small objects
 * (timelines) are written and read, deletion removes them, listing pages through them in order, a
 * file left in the spool by a crash is committed at the next start, and the retention purge removes
 * expired recordings' media and timelines and objects no index entry accounts for.
 */
abstract class RecordingStoreContract {

    /** The store under test, on an empty backend. */
    abstract RecordingStore store();

    /** The directory the relay writes live files into for this store. */
    abstract Path spool();

    /** A new store on the same backend and spool, as after a restart of the server. */
    abstract RecordingStore restarted();

    static RecordingProperties.S3 noS3() {
        return new RecordingProperties.S3(null, "us-east-1", null, false, null, null, "", DataSize.ofMegabytes(8));
    }

    /** A file as the relay leaves it in the spool when a recording stops. */
    byte[] spoolFile(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(name.hashCode()).nextBytes(content);
        Files.createDirectories(spool());
        Files.write(spool().resolve(name), content);
        return content;
    }

    @Test
    void aCommittedRecordingIsReadWholeAndByRange() throws IOException {
        byte[] content = spoolFile("rec1.webm", 300_000);
        store().commit("rec1.webm");

        assertThat(store().size("rec1.webm")).contains((long) content.length);
        assertThat(read(store(), "rec1.webm", 0, content.length)).isEqualTo(content);
        assertThat(read(store(), "rec1.webm", 123_456, 1000)).isEqualTo(Arrays.copyOfRange(content, 123_456, 124_456));
        // the last byte alone, as a player asking for the end of the file
        assertThat(read(store(), "rec1.webm", content.length - 1, 1)).containsExactly(content[content.length - 1]);
        assertThat(store().spooled()).isEmpty();
    }

    @Test
    void aLargeRecordingIsCommittedWholeAndReadAcrossPartBoundaries() throws IOException {
        // larger than two parts of the smallest part size (5 MiB)
        byte[] content = spoolFile("large.webm", 11 * 1024 * 1024 + 17);
        store().commit("large.webm");

        assertThat(store().size("large.webm")).contains((long) content.length);
        int boundary = 5 * 1024 * 1024;
        assertThat(read(store(), "large.webm", boundary - 500, 1000))
                .isEqualTo(Arrays.copyOfRange(content, boundary - 500, boundary + 500));
        assertThat(read(store(), "large.webm", 0, content.length)).isEqualTo(content);
    }

    @Test
    void aRecordingIsReadableBeforeItIsCommitted() throws IOException {
        byte[] content = spoolFile("waiting.webm", 10_000);
        assertThat(store().size("waiting.webm")).contains(10_000L);
        assertThat(read(store(), "waiting.webm", 5_000, 100)).isEqualTo(Arrays.copyOfRange(content, 5_000, 5_100));
    }

    @Test
    void aTimelineIsWrittenReplacedAndRead() throws IOException {
        String name = RecordingStore.timelineName("rec2");
        store().write(name, "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8));
        store().write(name, "{\"entries\":[1]}".getBytes(StandardCharsets.UTF_8));

        assertThat(store().size(name)).contains(15L);
        assertThat(new String(read(store(), name, 0, 15), StandardCharsets.UTF_8)).isEqualTo("{\"entries\":[1]}");
        assertThat(store().spooled()).isEmpty();
    }

    @Test
    void deletionRemovesTheObject() throws IOException {
        spoolFile("gone.webm", 1000);
        store().commit("gone.webm");

        assertThat(store().delete("gone.webm")).isTrue();
        assertThat(store().size("gone.webm")).isEmpty();
        assertThatThrownBy(() -> store().open("gone.webm", 0, 10).readAllBytes()).isInstanceOf(IOException.class);
        assertThat(store().delete("gone.webm")).isFalse();
        assertThat(store().list(null, 10)).isEmpty();
    }

    @Test
    void namesOutsideTheStoresAlphabetAreRefused() {
        for (String name : List.of("../etc/passwd", "a/b.webm", "x.txt", "", "rec.webm/..")) {
            assertThatThrownBy(() -> store().size(name)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().write(name, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void listingPagesThroughTheObjectsInNameOrder() throws IOException {
        for (String id : List.of("c", "a", "b")) {
            spoolFile(id + ".webm", 100);
            store().commit(id + ".webm");
        }
        store().write(RecordingStore.timelineName("a"), new byte[5]);

        List<RecordingStore.StoredObject> first = store().list(null, 2);
        assertThat(first).extracting(RecordingStore.StoredObject::name).containsExactly("a.timeline.json", "a.webm");
        assertThat(first.get(1).size()).isEqualTo(100);
        assertThat(first.get(1).lastModified()).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(120));
        assertThat(store().list("a.webm", 10)).extracting(RecordingStore.StoredObject::name)
                .containsExactly("b.webm", "c.webm");
    }

    @Test
    void aFileLeftInTheSpoolByACrashIsCommittedAtTheNextStart() throws IOException {
        // the server stopped between the end of the recording and its commit
        byte[] content = spoolFile("crashed.webm", 50_000);
        RecordingStore afterRestart = restarted();
        RecordingService service = service(afterRestart, new InMemoryRecordingIndex(), Clock.systemUTC());
        try {
            service.commitSpooled();
            assertThat(afterRestart.spooled()).isEmpty();
            assertThat(afterRestart.size("crashed.webm")).contains(50_000L);
            assertThat(read(afterRestart, "crashed.webm", 0, content.length)).isEqualTo(content);
        } finally {
            service.close();
        }
    }

    @Test
    void theRetentionPurgeDeletesExpiredRecordingsAndObjectsNoEntryAccountsFor() throws IOException {
        // a clock far ahead: every object written now is older than the cutoff
        Instant now = Instant.now().plus(Duration.ofDays(100));
        InMemoryRecordingIndex index = new InMemoryRecordingIndex();
        RecordingEntry expired = RecordingIndexContract.entry("expired", "s1", "p", "c", "en", "ana",
                now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)).plusSeconds(60), null);
        RecordingEntry young = RecordingIndexContract.entry("young", "s2", "p", "c", "en", "ana",
                now.minus(Duration.ofDays(29)), now.minus(Duration.ofDays(29)).plusSeconds(60), null);
        for (String id : List.of("expired", "young", "orphan")) {
            spoolFile(id + ".webm", 1000);
            store().commit(id + ".webm");
            store().write(RecordingStore.timelineName(id), new byte[] {'{', '}'});
        }
        index.save(expired);
        index.save(young);
        RecordingService service = service(store(), index, Clock.fixed(now, ZoneOffset.UTC));
        try {
            assertThat(service.purgeExpired()).isEqualTo(1);
        } finally {
            service.close();
        }
        assertThat(store().list(null, 100)).extracting(RecordingStore.StoredObject::name)
                .containsExactly("young.timeline.json", "young.webm");
        assertThat(index.find("expired")).isEmpty();
        assertThat(index.find("young")).isPresent();
    }

    @Test
    void aSessionsTimelineIsStoredWithEachOfItsRecordingsAndDeletedWithThem() throws Exception {
        Instant now = Instant.now();
        InMemoryRecordingIndex index = new InMemoryRecordingIndex();
        for (String id : List.of("first", "second")) {
            index.save(RecordingIndexContract.entry(id, "session1", "p", "c", "en", "ana", now.minusSeconds(60), now, null));
        }
        index.save(RecordingIndexContract.entry("other", "session2", "p", "c", "en", "ana", now.minusSeconds(60), now, null));
        RecordingService service = service(store(), index, Clock.systemUTC());
        byte[] json = "{\"sessionId\":\"session1\",\"entries\":[{\"offsetMs\":1500}]}".getBytes(StandardCharsets.UTF_8);
        byte[] events = "[{\"kind\":\"chat\",\"offsetMs\":2000}]".getBytes(StandardCharsets.UTF_8);
        try {
            service.saveTimeline("session1", json);
            service.saveEvents("session1", events);
        } finally {
            // the worker stores it; closing waits for it
            service.close();
        }
        assertThat(service.timeline(index.find("first").orElseThrow())).contains(new String(json, StandardCharsets.UTF_8));
        assertThat(service.timeline(index.find("second").orElseThrow())).contains(new String(json, StandardCharsets.UTF_8));
        assertThat(service.timeline(index.find("other").orElseThrow())).isEmpty();
        assertThat(service.events(index.find("second").orElseThrow())).contains(new String(events, StandardCharsets.UTF_8));
        assertThat(service.events(index.find("other").orElseThrow())).isEmpty();

        assertThat(service.delete("first")).isTrue();
        assertThat(store().size(RecordingStore.timelineName("first"))).isEmpty();
        assertThat(store().size(RecordingStore.eventsName("first"))).as("the session's events go with the recording")
                .isEmpty();
        assertThat(store().size(RecordingStore.eventsName("second"))).isPresent();
        assertThat(store().size(RecordingStore.timelineName("second"))).isPresent();
    }

    private RecordingService service(RecordingStore store, RecordingIndex index, Clock clock) {
        RecordingProperties properties = new RecordingProperties(true, spool(), RecordingProperties.Storage.LOCAL,
                noS3(), Duration.ofMinutes(1), Duration.ofDays(30), Duration.ofHours(1), 8192, true);
        return new RecordingService(properties, null, null, null, null, index, store, clock, new SecureRandom(),
                Executors.newSingleThreadExecutor(), Executors.newSingleThreadScheduledExecutor());
    }

    static byte[] read(RecordingStore store, String name, long offset, int length) throws IOException {
        try (InputStream in = store.open(name, offset, length)) {
            return in.readAllBytes();
        }
    }
}
