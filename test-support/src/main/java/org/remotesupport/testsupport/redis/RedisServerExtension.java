package org.remotesupport.testsupport.redis;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one real {@code redis-server} per test JVM: started on first
 * use, emptied ({@code FLUSHALL}) before each test of a class that uses the extension, and stopped
 * when the JVM exits, after the test run. Tests and their constructors receive it as a
 * {@link RedisServer} parameter.
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class RedisQueueStoreTest {
 *     RedisQueueStoreTest(RedisServer redis) { … redis.uri() … }
 * }
 * }</pre>
 *
 * <p>Spring tests whose application context the test framework caches across classes must not have
 * their data flushed under them; they take the address from {@link #sharedServer()} in a
 * {@code @DynamicPropertySource} method instead of using the extension:
 * {@code registry.add("remote-support.redis.uri", () -> RedisServerExtension.sharedServer().uri())}.
 * The server lives until the JVM exits so that such contexts, closed by the test framework's own
 * shutdown hook, still find it while they shut down.
 */
public final class RedisServerExtension implements BeforeEachCallback, ParameterResolver {

    private static RedisServer shared;

    /** The server shared by every test in this JVM, started on the first call. */
    public static synchronized RedisServer sharedServer() {
        if (shared == null || !shared.isRunning()) {
            if (shared != null) {
                shared.close();
            }
            RedisServer server = RedisServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-server-stop"));
            shared = server;
        }
        return shared;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sharedServer().flushAll();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedServer();
    }
}
