package org.remotesupport.annotation.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code redis-server} on a free port in a temporary directory, started by the tests of this
 * module and stopped with the JVM; fails (never skips) when the server cannot start.
 */
public final class RedisServerFixture {

    private static RedisServerFixture shared;

    private final Process process;
    private final int port;

    private RedisServerFixture(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized RedisServerFixture shared() {
        if (shared == null) {
            shared = start();
            RedisServerFixture server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroy, "redis-server-stop"));
        }
        return shared;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private static RedisServerFixture start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("annotation-redis");
            Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (true) {
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    assertThat(c.sync().ping()).isEqualTo("PONG");
                    break;
                } catch (RuntimeException e) {
                    if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                        throw new IllegalStateException("redis-server did not start on port " + port, e);
                    }
                    Thread.onSpinWait();
                }
            }
            client.shutdown();
            return new RedisServerFixture(process, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install the Debian package redis-server)", e);
        }
    }
}
