package org.remotesupport.testsupport.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.remotesupport.testsupport.process.ServerProcesses;

/**
 * A real S3-compatible server for tests: S3Proxy (its {@code jar-with-dependencies} from Maven
 * Central) in its own JVM, on a free loopback port, with the filesystem backend in a temporary
 * directory, path-style addressing and AWS signature v2/v4 checked against {@link #accessKey()} and
 * {@link #secretKey()}. Ready (answers HTTP) when {@link #start} returns; {@link #close} stops it and
 * deletes the directory. Thread-safe; its methods block the caller for at most a few tens of seconds.
 *
 * <p>The jar is found through the system property {@code s3proxy.jar}, then at
 * {@code target/s3proxy/s3proxy.jar} of the module under test, where the module's build copies it
 * ({@code maven-dependency-plugin:copy} of {@code org.gaul:s3proxy:jar-with-dependencies}). Without it
 * the start fails with a message saying so: tests that need S3 are never skipped.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Path DEFAULT_JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    // a JVM with jclouds and Jetty starts slowly on a loaded machine
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 3;
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key-0123456789";

    private static S3ProxyServer shared;

    private final Path jar;
    private final Path directory;
    private final int port;
    private Process process;

    private S3ProxyServer(Path jar, Path directory, int port) {
        this.jar = jar;
        this.directory = directory;
        this.port = port;
    }

    /** The server shared by every test in this JVM, started on the first call and stopped when the JVM exits. */
    public static synchronized S3ProxyServer sharedServer() {
        if (shared == null || !shared.isRunning()) {
            if (shared != null) {
                shared.close();
            }
            S3ProxyServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            shared = server;
        }
        return shared;
    }

    /** Starts a server with an empty store and waits until it answers HTTP. */
    public static S3ProxyServer start() {
        Path jar = findJar().orElseThrow(() -> new IllegalStateException(
                "the S3Proxy jar was not found (system property s3proxy.jar, " + DEFAULT_JAR + "). The module's "
                        + "build copies org.gaul:s3proxy:jar-with-dependencies there in generate-test-resources: "
                        + "run the tests through Maven"));
        Path directory;
        try {
            directory = Files.createTempDirectory("s3proxy-test-");
            Files.createDirectories(directory.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for S3Proxy", e);
        }
        IllegalStateException failure = null;
        // a port found free may be taken before S3Proxy binds it: try another
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            S3ProxyServer server = new S3ProxyServer(jar, directory, freePort());
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.stopProcess();
                failure = e;
            }
        }
        ServerProcesses.deleteRecursively(directory);
        throw failure;
    }

    /** The endpoint clients use, e.g. {@code http://127.0.0.1:40123} (path-style addressing). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Any region: S3Proxy checks the signature with the region the client signs for. */
    public String region() {
        return "us-east-1";
    }

    /**
     * Creates an empty bucket (the filesystem backend keeps a bucket as a directory), or empties the
     * existing one, and returns its name.
     */
    public String createBucket(String name) {
        Path bucket = directory.resolve("data").resolve(name);
        ServerProcesses.deleteRecursively(bucket);
        try {
            Files.createDirectories(bucket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + name, e);
        }
        return name;
    }

    /** Whether the process runs and answers HTTP. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive() && answersHttp();
    }

    @Override
    public synchronized void close() {
        stopProcess();
        ServerProcesses.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "S3Proxy on " + endpoint();
    }

    private synchronized void launch() {
        Path properties = directory.resolve("s3proxy.conf");
        String conf = String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + directory.resolve("data"),
                "");
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.writeString(properties, conf);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write S3Proxy's configuration to " + properties, e);
        }
        process = ServerProcesses.start(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--properties", properties.toString()), directory, "stdout.log");
        ServerProcesses.awaitReady(process, "S3Proxy", this::answersHttp, READY_WITHIN, 50, 500,
                () -> "answering HTTP on port " + port + ": " + logTail());
    }

    private boolean answersHttp() {
        // any HTTP answer (an unsigned request is refused with 403) means the server is up
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint())
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        ServerProcesses.stop(running, STOP_WITHIN);
        process = null;
    }

    private String logTail() {
        Path log = directory.resolve("stdout.log");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            }
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
        return "(no output)";
    }

    static Optional<Path> findJar() {
        String configured = System.getProperty("s3proxy.jar");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        return Optional.of(DEFAULT_JAR.toAbsolutePath()).filter(Files::isRegularFile);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
