package org.remotesupport.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings past the retention period are deleted, media and index entry; younger and running ones stay. */
class RecordingRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void thePurgeDeletesWhatEndedBeforeTheRetentionPeriod() throws Exception {
        InMemoryRecordingIndex index = new InMemoryRecordingIndex();
        LocalDiskRecordingStore store = new LocalDiskRecordingStore(directory);
        RecordingProperties properties = new RecordingProperties(true, directory,
                RecordingProperties.Storage.LOCAL, RecordingStoreContract.noS3(), Duration.ofMinutes(1),
                Duration.ofDays(30), Duration.ofHours(1), 8192, true);
        RecordingService service = new RecordingService(properties, null, null, null, null, index, store,
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), Executors.newSingleThreadExecutor(),
                Executors.newSingleThreadScheduledExecutor());
        try {
            RecordingEntry expired = RecordingIndexContract.entry("expired", "s1", "p", "c", "en", "ana",
                    NOW.minus(Duration.ofDays(31)), NOW.minus(Duration.ofDays(31)).plusSeconds(60), null);
            RecordingEntry young = RecordingIndexContract.entry("young", "s2", "p", "c", "en", "ana",
                    NOW.minus(Duration.ofDays(29)), NOW.minus(Duration.ofDays(29)).plusSeconds(60), null);
            RecordingEntry running = RecordingIndexContract.entry("running", "s3", "p", "c", "en", "ana",
                    NOW.minus(Duration.ofDays(40)), null, null);
            for (RecordingEntry entry : new RecordingEntry[] {expired, young, running}) {
                index.save(entry);
                Files.write(directory.resolve(entry.fileName()), new byte[] {1, 2, 3});
                Files.write(directory.resolve(RecordingStore.eventsName(entry.recordingId())), new byte[] {'[', ']'});
            }

            assertThat(service.purgeExpired()).isEqualTo(1);

            assertThat(directory.resolve("expired.webm")).doesNotExist();
            assertThat(index.find("expired")).isEmpty();
            // the session's events stored with the recording go with it
            assertThat(directory.resolve("expired.events.json")).doesNotExist();
            assertThat(directory.resolve("young.events.json")).exists();
            assertThat(directory.resolve("young.webm")).exists();
            assertThat(directory.resolve("running.webm")).exists();
            assertThat(index.find("young")).isPresent();
            // a running recording cannot be deleted on request either
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.delete("running"))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(service.delete("young")).isTrue();
            assertThat(directory.resolve("young.webm")).doesNotExist();
            assertThat(service.delete("young")).isFalse();
            assertThat(directory.resolve("young.events.json")).doesNotExist();
        } finally {
            service.close();
        }
    }
}
