package org.remotesupport.signaling.recording;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local directory, which is also the relay's spool. */
class LocalDiskRecordingStoreTest extends RecordingStoreContract {

    @TempDir
    Path directory;

    private LocalDiskRecordingStore store;

    @Override
    RecordingStore store() {
        if (store == null) {
            store = new LocalDiskRecordingStore(directory);
        }
        return store;
    }

    @Override
    Path spool() {
        return directory;
    }

    @Override
    RecordingStore restarted() {
        return new LocalDiskRecordingStore(directory);
    }
}
