package org.remotesupport.annotation.sync;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.remotesupport.testsupport.redis.RedisServerExtension;
import org.remotesupport.annotation.log.AnnotationRedisKeys;
import org.remotesupport.annotation.log.OpLogStore;
import org.remotesupport.annotation.log.RedisOpLogStore;
import org.remotesupport.protocol.annotation.AnnotationCodec;

class RedisAnnotationServiceTest extends AnnotationServiceScenarios {

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
}
