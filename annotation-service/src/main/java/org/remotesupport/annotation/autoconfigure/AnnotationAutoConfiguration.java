package org.remotesupport.annotation.autoconfigure;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import org.remotesupport.annotation.access.AnnotationAccess;
import org.remotesupport.annotation.log.AnnotationRedisKeys;
import org.remotesupport.annotation.log.InMemoryOpLogStore;
import org.remotesupport.annotation.log.OpLogStore;
import org.remotesupport.annotation.log.RedisOpLogStore;
import org.remotesupport.annotation.sync.AnnotationService;
import org.remotesupport.annotation.ws.AnnotationHandler;
import org.remotesupport.protocol.annotation.AnnotationCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * Puts the annotation service into a Spring Boot web application: the {@code /annotations}
 * WebSocket endpoint and the op log, in memory unless {@code remote-support.redis.uri} is set (then
 * Redis Streams under {@code remote-support.redis.key-prefix}). The application must provide an
 * {@link AnnotationAccess} bean; it may provide an {@link OpLogStore} and a {@link Clock}.
 */
@AutoConfiguration
@ConditionalOnBean(AnnotationAccess.class)
@EnableConfigurationProperties(AnnotationProperties.class)
@EnableWebSocket
public class AnnotationAutoConfiguration {

    /** The path of the annotation endpoint. */
    public static final String PATH = "/annotations";

    @Bean
    AnnotationCodec annotationCodec() {
        return new AnnotationCodec();
    }

    @Bean
    AnnotationService annotationService(OpLogStore store, AnnotationProperties properties,
                                        ObjectProvider<Clock> clock, AnnotationCodec codec) {
        return new AnnotationService(store, properties.limits(), clock.getIfAvailable(Clock::systemUTC), codec);
    }

    @Bean
    AnnotationHandler annotationHandler(AnnotationService service, AnnotationAccess access, AnnotationCodec codec) {
        return new AnnotationHandler(service, access, codec, System::nanoTime);
    }

    @Bean
    WebSocketConfigurer annotationEndpoint(AnnotationHandler handler) {
        return registry -> registry.addHandler(handler, PATH);
    }

    @Bean
    @ConditionalOnMissingBean(OpLogStore.class)
    InMemoryOpLogStore opLogStore() {
        // the embedded default; the Redis store below is registered first when Redis is configured
        return new InMemoryOpLogStore();
    }

    /** The op log in Redis Streams when {@code remote-support.redis.uri} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${remote-support.redis.uri:}'.isBlank()")
    static class RedisStore {

        @Bean(destroyMethod = "shutdown")
        RedisClient annotationRedisClient(Environment environment) {
            return RedisClient.create(environment.getRequiredProperty("remote-support.redis.uri"));
        }

        @Bean(destroyMethod = "close")
        StatefulRedisConnection<String, String> annotationRedisConnection(RedisClient client) {
            return client.connect();
        }

        @Bean
        @ConditionalOnMissingBean(OpLogStore.class)
        RedisOpLogStore opLogStore(StatefulRedisConnection<String, String> connection, Environment environment,
                                   AnnotationCodec codec) {
            String prefix = environment.getProperty("remote-support.redis.key-prefix", "rs:");
            return new RedisOpLogStore(connection.sync(), new AnnotationRedisKeys(prefix), codec);
        }
    }
}
