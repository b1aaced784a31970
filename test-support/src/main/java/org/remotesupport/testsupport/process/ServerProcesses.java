package org.remotesupport.testsupport.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the fixtures that run a real server process (redis-server, turnserver, S3Proxy) share: starting it
 * with its output in a log file, waiting for it to answer, stopping it and removing its temporary
 * directory. Static helpers, called on the test's thread.
 */
public final class ServerProcesses {

    private ServerProcesses() {
    }

    /**
     * The server's executable: the path in system property {@code property} if set, else
     * {@code name} on the {@code PATH}, else the first of {@code wellKnown} that is executable.
     */
    public static Optional<Path> findExecutable(String property, String name, List<Path> wellKnown) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name));
        return Stream.concat(onPath, wellKnown.stream()).filter(Files::isExecutable).findFirst();
    }

    /** Starts {@code command} in {@code directory}, its output (both streams) going to {@code log} there. */
    public static Process start(List<String> command, Path directory, String log) {
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve(log).toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        }
    }

    /**
     * Probes until {@code ready} holds, pausing from {@code firstPauseMillis} doubling up to
     * {@code maxPauseMillis}; throws, with {@code detail} (where it listens, the log's tail), if the
     * process exits first or {@code within} passes.
     */
    public static void awaitReady(Process process, String name, BooleanSupplier ready, Duration within,
                                  long firstPauseMillis, long maxPauseMillis, Supplier<String> detail) {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = firstPauseMillis;
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", " + detail.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + within.toSeconds() + " s, "
                        + detail.get());
            }
            pauseBetweenProbes(pause, name);
            pause = Math.min(pause * 2, maxPauseMillis);
        }
    }

    /** Waits up to {@code within} for a process asked to stop, then kills it. */
    public static void stop(Process running, Duration within) {
        try {
            if (!running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
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
