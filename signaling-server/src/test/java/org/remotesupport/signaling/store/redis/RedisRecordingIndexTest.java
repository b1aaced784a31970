package org.remotesupport.signaling.store.redis;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.recording.RecordingIndex;
import org.remotesupport.signaling.recording.RecordingIndexContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The recording index contract against Redis, each node with its own connection; each test under its own key prefix. */
@ExtendWith(RedisServerExtension.class)
class RedisRecordingIndexTest extends RecordingIndexContract {

    private final RedisFixture redis;
    private RedisKeys keys;

    RedisRecordingIndexTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected RecordingIndex newIndex() {
        keys = new RedisKeys("rs:" + UUID.randomUUID() + ":");
        return anotherNode();
    }

    @Override
    protected RecordingIndex anotherNode() {
        return new RedisRecordingIndex(redis.connect(), keys);
    }
}
