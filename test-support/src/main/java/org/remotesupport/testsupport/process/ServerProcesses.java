package org.remotesupport.testsupport.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the fixtures that run a real server process (redis-server, turnserver, S3Proxy) share: a pause between
 * readiness probes and the removal of the server's temporary directory. Static helpers, called on the
 * test's thread.
 */
public final class ServerProcesses {

    private ServerProcesses() {
    }

    /**
     * Pauses between two readiness probes; the caller bounds the wait with a deadline.
     *
     * @param waitingFor the server being waited for, named in the error if the thread is interrupted
     */
    public static void pauseBetweenProbes(long millis, String waitingFor) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }

    /** Deletes a directory and everything in it; a leftover file in a temporary directory is harmless. */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind in the temporary directory
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
