package org.remotesupport.signaling.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.remotesupport.signaling.session.SessionLocks;
import org.remotesupport.signaling.session.SessionLocksContract;
import org.remotesupport.testsupport.redis.RedisServer;
import org.remotesupport.testsupport.redis.RedisServerExtension;

/** The lock contract against Redis, each node with its own connection, and what happens when a holder dies. */
@ExtendWith(RedisServerExtension.class)
class RedisSessionLocksTest extends SessionLocksContract {

    private static final Duration TTL = Duration.ofMillis(800);
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final RedisFixture redis;

    RedisSessionLocksTest(RedisServer server) {
        this.redis = new RedisFixture(server);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    protected SessionLocks newLocks() {
        return anotherNode();
    }

    @Override
    protected SessionLocks anotherNode() {
        return new RedisSessionLocks(redis.connect(), redis.keys(), TTL, WAIT, new SecureRandom());
    }

    @Test
    void theLockOfANodeThatDiedHoldingItExpires() {
        // a node took the lock and crashed: nobody will delete its token
        redis.server().command("SET", "rs:lock:session:s1", "token-of-a-dead-node", "PX", String.valueOf(TTL.toMillis()));
        long start = System.nanoTime();

        assertThat(newLocks().locked("s1", () -> "taken")).isEqualTo("taken");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(redis.server().command("EXISTS", "rs:lock:session:s1")).isEqualTo(":0");
    }

    @Test
    void aLockHeldTooLongFailsTheChangeWithoutRunningIt() {
        SessionLocks locks = new RedisSessionLocks(redis.connect(), redis.keys(), TTL, Duration.ofMillis(300),
                new SecureRandom());
        redis.server().command("SET", "rs:lock:session:s1", "someone-else", "PX", "60000");
        boolean[] ran = {false};

        assertThatThrownBy(() -> locks.locked("s1", () -> ran[0] = true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s1");
        assertThat(ran[0]).isFalse();
        // the other holder's lock is untouched
        assertThat(redis.server().command("GET", "rs:lock:session:s1")).isEqualTo("someone-else");
    }
}
