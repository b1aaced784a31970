package org.remotesupport.signaling.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client of one node and its connections to Redis: one shared connection for every store
 * (Lettuce multiplexes the commands of all threads over it; no store uses connection state such as
 * {@code MULTI} or {@code WATCH}, all atomicity comes from single commands and Lua scripts), one for
 * reads of whole large collections (so that a reply of megabytes does not hold up the small commands
 * queued behind it), one for binary values, and one for pub/sub subscriptions. Connects when created, so a node whose Redis is
 * unreachable fails at start-up; reconnects by itself afterwards. Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, String> bulk;
    private final StatefulRedisConnection<String, byte[]> binary;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String address;

    /** Connects with a client of its own (threads, timers), which {@link #close} shuts down. */
    public RedisConnections(String uri, Duration commandTimeout) {
        this(uri, commandTimeout, null);
    }

    /**
     * Connects with a client on the given shared resources (event loops, timers), which the caller
     * owns and shuts down; null gives the client resources of its own.
     */
    public RedisConnections(String uri, Duration commandTimeout, ClientResources resources) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        this.address = describe(redisUri);
        this.client = resources == null ? RedisClient.create(redisUri) : RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // commands issued while the link is down fail after the timeout instead of waiting forever
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            this.connection = client.connect();
            this.bulk = client.connect();
            this.binary = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            this.pubSub = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot connect to Redis at " + address + ": " + e.getMessage(), e);
        }
        log.info("connected to Redis at {}", address);
    }

    /** Synchronous commands on the shared connection. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /**
     * Synchronous commands on the connection for reads of whole large collections (every queue entry):
     * their replies travel there, not in front of the shared connection's small commands.
     */
    public RedisCommands<String, String> bulkCommands() {
        return bulk.sync();
    }

    /** The shared connection, for its asynchronous API. */
    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** Synchronous commands whose values are bytes. */
    public RedisCommands<String, byte[]> binaryCommands() {
        return binary.sync();
    }

    /** The connection that holds this node's subscriptions. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    /** Whether the shared connection is up right now. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Host and port (or socket, or sentinels) of the Redis in use, without credentials. */
    public String address() {
        return address;
    }

    @Override
    public void close() {
        pubSub.close();
        binary.close();
        bulk.close();
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String describe(RedisURI uri) {
        if (uri.getSocket() != null) {
            return uri.getSocket();
        }
        if (!uri.getSentinels().isEmpty()) {
            return "sentinel master " + uri.getSentinelMasterId() + " via " + uri.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).toList();
        }
        return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }
}
