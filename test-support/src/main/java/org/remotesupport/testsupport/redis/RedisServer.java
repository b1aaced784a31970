package org.remotesupport.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.remotesupport.testsupport.process.ServerProcesses;

/**
 * A real {@code redis-server} process for tests: listens on a free loopback port, keeps its files in
 * a temporary directory, persists nothing unless {@link Options#appendOnly} asks for it, and is
 * ready (answers {@code PING}) when {@link #start} returns. {@link #close} stops it and deletes the
 * directory. Thread-safe; its methods block the calling thread for at most a few seconds.
 *
 * <p>The binary is {@code redis-server} from the Debian package of the same name, looked up in the
 * system property {@code redis.server}, then {@code PATH}, then {@code /usr/bin} and {@code /usr/sbin}.
 * When it is missing the start fails with a message that names {@code scripts/test.sh}, which
 * installs it: tests that need Redis are never skipped.
 */
public final class RedisServer implements AutoCloseable {

    /** Where the binary is looked up when the system property and PATH do not name one. */
    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/sbin/redis-server"));
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 5;

    /**
     * What a test may ask of the server.
     *
     * @param appendOnly keep an append-only file in the server's directory, so that data survives
     *                   {@link #restart()}; off by default (nothing is written to disk)
     * @param password   require this password ({@code requirepass}); null for none
     */
    public record Options(boolean appendOnly, String password) {

        /** No persistence, no password. */
        public static Options defaults() {
            return new Options(false, null);
        }

        public Options withAppendOnly() {
            return new Options(true, password);
        }

        public Options withPassword(String password) {
            return new Options(appendOnly, password);
        }
    }

    private final Path binary;
    private final Options options;
    private final Path directory;
    private final int port;
    private Process process;

    private RedisServer(Path binary, Options options, Path directory, int port) {
        this.binary = binary;
        this.options = options;
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server without persistence or password and waits until it answers {@code PING}. */
    public static RedisServer start() {
        return start(Options.defaults());
    }

    /** Starts a server with these options and waits until it answers {@code PING}. */
    public static RedisServer start(Options options) {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "redis-server was not found (system property redis.server, PATH, /usr/bin, /usr/sbin). "
                        + "Run scripts/test.sh, which installs the Debian package redis-server when it is missing, "
                        + "or install it yourself: apt-get install redis-server"));
        Path directory;
        try {
            directory = Files.createTempDirectory("redis-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
        IllegalStateException failure = null;
        // a port found free may be taken by someone else before redis-server binds it: try another
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServer server = new RedisServer(binary, options, directory, freePort());
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

    /** The address clients connect to, e.g. {@code redis://127.0.0.1:40123} (with the password if one is set). */
    public String uri() {
        return options.password() == null
                ? "redis://127.0.0.1:" + port
                : "redis://:" + options.password() + "@127.0.0.1:" + port;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The server's working directory (its log and, with {@link Options#appendOnly}, its data). */
    public Path directory() {
        return directory;
    }

    /** Whether the process is running and answers {@code PING}. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive() && answersPing();
    }

    /** Deletes every key of every database. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL failed: " + reply);
        }
    }

    /**
     * Sends one command and returns its reply as text: a status or error line as sent ({@code +PONG},
     * {@code -ERR …}, {@code :3}), a bulk string's content, null for a missing value, and the header
     * line ({@code *2}) of an array. For the fixture's own checks and for tests that look at raw keys;
     * code under test uses its own client.
     */
    public String command(String... arguments) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            if (options.password() != null) {
                out.write(encode("AUTH", options.password()));
                readLine(socket.getInputStream());
            }
            out.write(encode(arguments));
            out.flush();
            InputStream in = socket.getInputStream();
            String line = readLine(in);
            if (line.startsWith("$")) {
                return line.equals("$-1") ? null : readLine(in);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + " did not answer", e);
        }
    }

    /** Stops the server abruptly, as a crash would: clients see their connections drop. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /** Starts the server again on the same port and directory (after {@link #kill}, or as a restart). */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        stopProcess();
        ServerProcesses.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "redis-server on 127.0.0.1:" + port;
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--dir", directory.toString(),
                "--logfile", "redis.log",
                "--save", "",
                "--appendonly", options.appendOnly() ? "yes" : "no",
                "--daemonize", "no",
                // keys with a TTL must expire on time even while nothing reads them
                "--hz", "50"));
        if (options.password() != null) {
            command.addAll(List.of("--requirepass", options.password()));
        }
        process = ServerProcesses.start(command, directory, "stdout.log");
        ServerProcesses.awaitReady(process, "redis-server", this::answersPing, READY_WITHIN, 5, 100,
                () -> "answering PING on port " + port + ": " + logTail());
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(command("PING"));
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        if (running.isAlive()) {
            try {
                command("SHUTDOWN", "NOSAVE");
            } catch (UncheckedIOException e) {
                // SHUTDOWN closes the connection without a reply, or the process is already gone
            }
            ServerProcesses.stop(running, STOP_WITHIN);
        }
        process = null;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        socket.setSoTimeout(5000);
        return socket;
    }

    // the fixture speaks a few lines of RESP itself so that it does not depend on the client under test
    private static byte[] encode(String... arguments) {
        StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed after '" + line + "'");
    }

    private String logTail() {
        StringBuilder tail = new StringBuilder();
        for (String name : List.of("stdout.log", "redis.log")) {
            Path log = directory.resolve(name);
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> tail.append("\n  ").append(l));
                }
            } catch (IOException e) {
                tail.append("\n  (cannot read ").append(name).append(": ").append(e.getMessage()).append(')');
            }
        }
        return tail.length() == 0 ? "(no output)" : tail.toString();
    }

    static Optional<Path> findBinary() {
        return ServerProcesses.findExecutable("redis.server", "redis-server", WELL_KNOWN);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
