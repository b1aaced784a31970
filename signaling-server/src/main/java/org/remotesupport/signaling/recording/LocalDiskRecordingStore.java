package org.remotesupport.signaling.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link RecordingStore} on a local (or mounted) directory, the same one the relay writes into: a
 * finished recording is already where it stays. Thread-safe.
 */
public final class LocalDiskRecordingStore implements RecordingStore {

    private final Path directory;

    public LocalDiskRecordingStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Long> size(String name) throws IOException {
        return LocalFiles.size(resolve(name));
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        return LocalFiles.open(resolve(name), offset, length);
    }

    @Override
    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(resolve(name));
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
        LocalFiles.writeAtomically(resolve(name), content);
    }

    @Override
    public boolean commit(String name) {
        resolve(name);
        return false;
    }

    @Override
    public List<String> spooled() {
        return List.of();
    }

    @Override
    public List<StoredObject> list(String after, int limit) throws IOException {
        return LocalFiles.list(directory, after, limit);
    }

    private Path resolve(String name) {
        return LocalFiles.resolve(directory, name);
    }

    /** File helpers shared by the local store and the spool of the object store. */
    static final class LocalFiles {

        private LocalFiles() {
        }

        /** The file of a valid name in the directory; names are never trusted to stay inside it. */
        static Path resolve(Path directory, String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a recording file name: " + name);
            }
            return directory.resolve(name);
        }

        static Optional<Long> size(Path file) throws IOException {
            return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
        }

        static InputStream open(Path file, long offset, long length) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(java.nio.channels.Channels.newInputStream(channel), length);
        }

        /** Writes a temporary file and renames it, so that readers never see half an object. */
        static void writeAtomically(Path file, byte[] content) throws IOException {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        /** Files of valid names in name order after {@code after}, at most {@code limit}. */
        static List<StoredObject> list(Path directory, String after, int limit) throws IOException {
            if (!Files.isDirectory(directory)) {
                return List.of();
            }
            List<StoredObject> objects = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    String name = file.getFileName().toString();
                    if (!NAME.matcher(name).matches() || (after != null && name.compareTo(after) <= 0)) {
                        continue;
                    }
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            objects.add(new StoredObject(name, attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
                        }
                    } catch (java.nio.file.NoSuchFileException e) {
                        // deleted while listed
                    }
                    if (objects.size() == limit) {
                        break;
                    }
                }
            }
            return objects;
        }
    }

    /** Reads at most {@code length} bytes of the wrapped stream. */
    static final class BoundedInputStream extends InputStream {

        private final InputStream whole;
        private long left;

        BoundedInputStream(InputStream whole, long length) {
            this.whole = whole;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = whole.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = whole.read(buffer, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            whole.close();
        }
    }
}
