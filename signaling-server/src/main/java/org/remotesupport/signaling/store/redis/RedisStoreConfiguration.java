package org.remotesupport.signaling.store.redis;

import java.security.SecureRandom;
import java.time.Clock;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.ClusterProperties;
import org.remotesupport.signaling.journal.CollaborationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis implementation of every shared store, of the session locks, the participant directory
 * and the message bus, all on one {@link RedisConnections}. Imported by the Redis auto-configuration
 * only when {@code remote-support.redis.uri} is set; the in-memory defaults then stand back.
 */
@Configuration(proxyBeanMethods = false)
// the condition is repeated here for applications whose component scan finds this class itself
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties({RedisProperties.class, CollaborationProperties.class})
public class RedisStoreConfiguration {

    @Bean(destroyMethod = "close")
    RedisConnections redisConnections(RedisProperties properties) {
        return new RedisConnections(properties.uri(), properties.commandTimeout());
    }

    @Bean
    RedisKeys redisKeys(RedisProperties properties) {
        return new RedisKeys(properties.keyPrefix());
    }

    @Bean
    RedisSessionRegistry sessionRegistry(RedisConnections connections, RedisKeys keys, RedisProperties properties,
                                         ObjectProvider<Clock> clock) {
        return new RedisSessionRegistry(connections, keys, clock.getIfAvailable(Clock::systemUTC),
                properties.sessionTtl());
    }

    @Bean
    RedisSessionLocks signalingSessionLocks(RedisConnections connections, RedisKeys keys, RedisProperties properties) {
        return new RedisSessionLocks(connections, keys, properties.lockTtl(), properties.lockWait(), new SecureRandom());
    }

    @Bean
    RedisParticipantDirectory participantDirectory(RedisConnections connections, RedisKeys keys, ClusterNode node,
                                                   ClusterProperties cluster) {
        return new RedisParticipantDirectory(connections, keys, node, cluster.nodeTimeout());
    }

    @Bean
    RedisMessageBus messageBus(RedisConnections connections, RedisKeys keys) {
        return new RedisMessageBus(connections, keys);
    }

    @Bean
    RedisParticipantStore participantStore(RedisConnections connections, RedisKeys keys, RedisProperties properties) {
        return new RedisParticipantStore(connections, keys, properties.sessionTtl());
    }

    @Bean
    RedisPresenceStore presenceStore(RedisConnections connections, RedisKeys keys) {
        return new RedisPresenceStore(connections, keys);
    }

    @Bean
    RedisQueueStore queueStore(RedisConnections connections, RedisKeys keys) {
        return new RedisQueueStore(connections, keys);
    }

    @Bean
    RedisContactHistory contactHistory(RedisConnections connections, RedisKeys keys, RedisProperties properties) {
        return new RedisContactHistory(connections, keys, properties.ticketRetention());
    }

    @Bean
    RedisAccountStore accountStore(RedisConnections connections, RedisKeys keys) {
        return new RedisAccountStore(connections, keys);
    }

    @Bean
    RedisAttemptCounter attemptCounter(RedisConnections connections, RedisKeys keys, ObjectProvider<Clock> clock) {
        return new RedisAttemptCounter(connections, keys, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    RedisRecordingIndex recordingIndex(RedisConnections connections, RedisKeys keys) {
        return new RedisRecordingIndex(connections, keys);
    }

    @Bean
    RedisInviteStore inviteStore(RedisConnections connections, RedisKeys keys) {
        return new RedisInviteStore(connections, keys);
    }

    /** Photos go to Redis unless a photo directory (shared by the nodes) is configured. */
    @Bean
    @ConditionalOnExpression("'${remote-support.entry.photo-dir:}'.isBlank()")
    RedisPhotoStore photoStore(RedisConnections connections, RedisKeys keys, RedisProperties properties) {
        return new RedisPhotoStore(connections, keys, properties.ticketRetention(), new SecureRandom());
    }

    @Bean
    RedisTicketStore ticketStore(RedisConnections connections, RedisKeys keys, RedisProperties properties) {
        return new RedisTicketStore(connections, keys, properties.ticketRetention());
    }

    @Bean
    RedisSessionJournal sessionJournal(RedisConnections connections, RedisKeys keys,
                                       CollaborationProperties collaboration) {
        return new RedisSessionJournal(connections, keys, collaboration.journalRetention());
    }
}
