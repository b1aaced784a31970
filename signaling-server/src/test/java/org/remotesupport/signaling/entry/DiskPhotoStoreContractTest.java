package org.remotesupport.signaling.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The photo store contract against a directory, which two nodes share through a shared file system. */
class DiskPhotoStoreContractTest extends PhotoStoreContract {

    @TempDir
    Path directory;

    @Override
    protected PhotoStore newStore() {
        return new DiskPhotoStore(directory);
    }

    @Override
    protected PhotoStore anotherNode() {
        return new DiskPhotoStore(directory);
    }
}
