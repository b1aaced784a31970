package org.remotesupport.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerExtensionTest {

    private final RedisServer redis;

    RedisServerExtensionTest(RedisServer redis) {
        this.redis = redis;
    }

    @Test
    @Order(1)
    void theServerIsInjectedAndShared(RedisServer parameter) {
        assertThat(parameter).isSameAs(redis).isSameAs(RedisServerExtension.sharedServer());
        redis.command("SET", "left-over", "1");
    }

    @Test
    @Order(2)
    void eachTestStartsWithAnEmptyServer() {
        assertThat(redis.command("DBSIZE")).isEqualTo(":0");
    }
}
