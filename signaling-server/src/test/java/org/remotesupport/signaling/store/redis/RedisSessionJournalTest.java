package org.remotesupport.signaling.store.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.journal.SessionJournal;
import org.remotesupport.signaling.journal.SessionJournalContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The session journal contract against Redis, each node with its own connection. */
@ExtendWith(RedisServerExtension.class)
class RedisSessionJournalTest extends SessionJournalContract {

    private final RedisFixture redis;

    RedisSessionJournalTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected SessionJournal newJournal() {
        return anotherNode();
    }

    @Override
    protected SessionJournal anotherNode() {
        return new RedisSessionJournal(redis.connect(), redis.keys(), Duration.ofDays(30));
    }
}
