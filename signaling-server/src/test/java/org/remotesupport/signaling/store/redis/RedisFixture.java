package org.remotesupport.signaling.store.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.remotesupport.testsupport.redis.RedisServer;

/**
 * Connections to the test's {@code redis-server} for the Redis stores under test, one per simulated
 * node; {@link #close} closes them all. Each test makes its own and closes it after the test.
 */
public final class RedisFixture implements AutoCloseable {

    /** Short, so that a test against a stopped server fails quickly. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    // one set of event loops and timers for every client of the test JVM, as a node has one client
    private static final ClientResources RESOURCES = DefaultClientResources.builder().ioThreadPoolSize(2)
            .computationThreadPoolSize(2).build();

    private final RedisServer server;
    private final RedisKeys keys = new RedisKeys("rs:");
    private final List<RedisConnections> opened = new ArrayList<>();

    public RedisFixture(RedisServer server) {
        this.server = server;
    }

    /** A new client with its own connections, as one more signaling node would have. */
    public synchronized RedisConnections connect() {
        RedisConnections connections = new RedisConnections(server.uri(), TIMEOUT, RESOURCES);
        opened.add(connections);
        return connections;
    }

    public RedisKeys keys() {
        return keys;
    }

    public RedisServer server() {
        return server;
    }

    @Override
    public synchronized void close() {
        opened.forEach(RedisConnections::close);
        opened.clear();
    }
}
