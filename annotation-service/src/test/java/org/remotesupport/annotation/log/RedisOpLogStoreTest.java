package org.remotesupport.annotation.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.remotesupport.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.annotation.AnnotationCodec;

/** The store contract against a real redis-server, plus the key layout it promises. */
class RedisOpLogStoreTest extends OpLogStoreContract {

    private final RedisClient client = RedisClient.create(RedisServerExtension.sharedServer().uri());
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisOpLogStore store = new RedisOpLogStore(connection.sync(), new AnnotationRedisKeys("t:"),
            new AnnotationCodec());

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Override
    OpLogStore store() {
        return store;
    }

    @Test
    void keepsOneStreamWhoseEntryIdsAreTheSeqs() {
        store.append(session, 0, op("a", "1"));
        store.append(session, 1, op("a", "2"));
        assertThat(connection.sync().type("t:annotations:{" + session + "}:log")).isEqualTo("stream");
        assertThat(connection.sync().xlen("t:annotations:{" + session + "}:log")).isEqualTo(2);
        assertThat(connection.sync().hget("t:annotations:{" + session + "}:ids", "a\u00002")).isEqualTo("2");
    }

    @Test
    void survivesAFlushedScriptCache() {
        store.append(session, 0, op("a", "1"));
        connection.sync().scriptFlush();
        assertThat(store.append(session, 1, op("a", "2"))).isEqualTo(new OpLogStore.AppendResult.Appended(2));
    }
}
