package org.remotesupport.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void startsOnAFreeLoopbackPortAnswersAndCleansUp() {
        Path directory;
        try (RedisServer redis = RedisServer.start()) {
            directory = redis.directory();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(redis.command("PING")).isEqualTo("+PONG");
            assertThat(redis.command("SET", "k", "v")).isEqualTo("+OK");
            assertThat(redis.command("GET", "k")).isEqualTo("v");
            // nothing is persisted unless a test asks
            assertThat(redis.command("CONFIG", "GET", "appendonly")).isEqualTo("*2");
            redis.flushAll();
            assertThat(redis.command("GET", "k")).isNull();
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void twoServersDoNotShareData() {
        try (RedisServer one = RedisServer.start(); RedisServer two = RedisServer.start()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            one.command("SET", "k", "one");
            assertThat(two.command("GET", "k")).isNull();
        }
    }

    @Test
    void dataSurvivesARestartWhenAppendOnlyIsAskedFor() {
        try (RedisServer redis = RedisServer.start(RedisServer.Options.defaults().withAppendOnly())) {
            redis.command("SET", "k", "kept");
            redis.restart();
            assertThat(redis.command("GET", "k")).isEqualTo("kept");
        }
    }

    @Test
    void withoutAppendOnlyARestartStartsEmpty() {
        try (RedisServer redis = RedisServer.start()) {
            redis.command("SET", "k", "lost");
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            redis.restart();
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.command("GET", "k")).isNull();
        }
    }

    @Test
    void aPasswordIsRequiredWhenSet() {
        try (RedisServer redis = RedisServer.start(RedisServer.Options.defaults().withPassword("s3cret"))) {
            assertThat(redis.uri()).isEqualTo("redis://:s3cret@127.0.0.1:" + redis.port());
            assertThat(redis.command("PING")).isEqualTo("+PONG");
        }
    }

    @Test
    void aMissingBinaryFailsWithAMessageNamingTheTestScript() {
        String before = System.getProperty("redis.server");
        System.setProperty("redis.server", "/nonexistent/redis-server");
        try {
            assertThatThrownBy(RedisServer::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("scripts/test.sh")
                    .hasMessageContaining("redis-server");
        } finally {
            if (before == null) {
                System.clearProperty("redis.server");
            } else {
                System.setProperty("redis.server", before);
            }
        }
    }
}
