package org.remotesupport.signaling.autoconfigure;

import org.remotesupport.signaling.store.redis.RedisConfiguredCondition;
import org.remotesupport.signaling.store.redis.RedisProperties;
import org.remotesupport.signaling.store.redis.RedisStoreConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Puts every shared store, the session locks and the message bus between nodes into Redis when
 * {@code remote-support.redis.uri} is set and not blank. It runs before the signaling
 * auto-configuration, whose in-memory defaults then find the Redis beans and stand back.
 */
@AutoConfiguration(before = SignalingAutoConfiguration.class)
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties(RedisProperties.class)
@Import(RedisStoreConfiguration.class)
public class SignalingRedisAutoConfiguration {
}
