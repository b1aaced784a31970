package org.remotesupport.signaling.autoconfigure;

import java.time.Clock;
import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.api.ApiConfiguration;
import org.remotesupport.signaling.cluster.ClusterConfiguration;
import org.remotesupport.signaling.cluster.ClusterNode;
import org.remotesupport.signaling.cluster.ClusterProperties;
import org.remotesupport.signaling.cluster.InMemoryMessageBus;
import org.remotesupport.signaling.cluster.InMemoryParticipantDirectory;
import org.remotesupport.signaling.cluster.MessageBus;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.entry.EntryConfiguration;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.identity.AttemptCounter;
import org.remotesupport.signaling.identity.InMemoryAttemptCounter;
import org.remotesupport.signaling.identity.IdentityConfiguration;
import org.remotesupport.signaling.identity.InMemoryAccountStore;
import org.remotesupport.signaling.invite.InMemoryInviteStore;
import org.remotesupport.signaling.journal.JournalConfiguration;
import org.remotesupport.signaling.invite.InviteConfiguration;
import org.remotesupport.signaling.invite.InviteStore;
import org.remotesupport.signaling.matching.MatchingConfiguration;
import org.remotesupport.signaling.media.MediaConfiguration;
import org.remotesupport.signaling.presence.InMemoryPresenceStore;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.InMemoryContactHistory;
import org.remotesupport.signaling.queue.InMemoryQueueStore;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.recording.RecordingConfiguration;
import org.remotesupport.signaling.session.InMemoryParticipantStore;
import org.remotesupport.signaling.session.InMemorySessionLocks;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.ParticipantStore;
import org.remotesupport.signaling.session.SessionConfiguration;
import org.remotesupport.signaling.session.SessionLocks;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.ticket.InMemoryTicketStore;
import org.remotesupport.signaling.ticket.TicketStore;
import org.remotesupport.signaling.turn.TurnConfiguration;
import org.remotesupport.signaling.web.CustomerPageConfiguration;
import org.remotesupport.signaling.webhook.WebhookConfiguration;
import org.remotesupport.signaling.ws.WebSocketConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Puts the signaling server into a Spring Boot web application: the {@code /ws} WebSocket endpoint,
 * the {@code /s/{code}} customer link and the session lifecycle, bound to {@link SignalingProperties}.
 * The application must provide one {@link org.remotesupport.protocol.relay.RelayControl} bean; it may
 * provide the shared stores ({@link SessionRegistry}, {@link ParticipantStore}, {@link PresenceStore},
 * {@link QueueStore}, {@link ContactHistory}, {@link AccountStore}, {@link InviteStore}, {@link TicketStore},
 * {@link PhotoStore}, {@link AttemptCounter}, {@link org.remotesupport.signaling.journal.SessionJournal}), {@link SessionLocks}, a {@link ParticipantDirectory} and a {@link MessageBus} (default:
 * in memory, for a single node; in Redis when {@code remote-support.redis.uri} is set, see
 * {@link SignalingRedisAutoConfiguration}), a {@link java.time.Clock} and a
 * {@link io.micrometer.core.instrument.MeterRegistry}.
 */
@AutoConfiguration
@EnableConfigurationProperties({SignalingProperties.class, ClusterProperties.class})
@Import({ClusterConfiguration.class, IdentityConfiguration.class, ApiConfiguration.class, EntryConfiguration.class,
        InviteConfiguration.class, TurnConfiguration.class, SessionConfiguration.class, MediaConfiguration.class,
        MatchingConfiguration.class, WebSocketConfiguration.class, CustomerPageConfiguration.class,
        WebhookConfiguration.class, JournalConfiguration.class, RecordingConfiguration.class})
public class SignalingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionRegistry.class)
    InMemorySessionRegistry sessionRegistry() {
        return new InMemorySessionRegistry();
    }

    @Bean
    @ConditionalOnMissingBean(SessionLocks.class)
    InMemorySessionLocks signalingSessionLocks() {
        return new InMemorySessionLocks();
    }

    @Bean
    @ConditionalOnMissingBean(ParticipantStore.class)
    InMemoryParticipantStore participantStore() {
        return new InMemoryParticipantStore();
    }

    @Bean
    @ConditionalOnMissingBean(PresenceStore.class)
    InMemoryPresenceStore presenceStore() {
        return new InMemoryPresenceStore();
    }

    @Bean
    @ConditionalOnMissingBean(QueueStore.class)
    InMemoryQueueStore queueStore() {
        return new InMemoryQueueStore();
    }

    @Bean
    @ConditionalOnMissingBean(ContactHistory.class)
    InMemoryContactHistory contactHistory() {
        return new InMemoryContactHistory();
    }

    @Bean
    @ConditionalOnMissingBean(ParticipantDirectory.class)
    InMemoryParticipantDirectory participantDirectory(ClusterNode node, ClusterProperties properties,
                                                      ObjectProvider<Clock> clock) {
        return new InMemoryParticipantDirectory(node, clock.getIfAvailable(Clock::systemUTC), properties.nodeTimeout());
    }

    @Bean
    @ConditionalOnMissingBean(MessageBus.class)
    InMemoryMessageBus messageBus() {
        return new InMemoryMessageBus();
    }

    @Bean
    @ConditionalOnMissingBean(AccountStore.class)
    InMemoryAccountStore accountStore() {
        return new InMemoryAccountStore();
    }

    @Bean
    @ConditionalOnMissingBean(AttemptCounter.class)
    InMemoryAttemptCounter attemptCounter(ObjectProvider<Clock> clock) {
        return new InMemoryAttemptCounter(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(InviteStore.class)
    InMemoryInviteStore inviteStore() {
        return new InMemoryInviteStore();
    }

    @Bean
    @ConditionalOnMissingBean(TicketStore.class)
    InMemoryTicketStore ticketStore() {
        return new InMemoryTicketStore();
    }
}
