package org.remotesupport.signaling.journal;

import java.time.Clock;
import org.remotesupport.signaling.entry.PhotoStore;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chat, freeze-frame, snapshots, ticket notes and outcomes: the journal (in memory unless the
 * application provides one, e.g. the Redis one) and the service; imported by the signaling
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CollaborationProperties.class)
public class JournalConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionJournal.class)
    InMemorySessionJournal sessionJournal(CollaborationProperties properties, ObjectProvider<Clock> clock) {
        return new InMemorySessionJournal(clock.getIfAvailable(Clock::systemUTC), properties.journalRetention());
    }

    @Bean
    SessionCollaboration sessionCollaboration(SessionRegistry registry, SessionService sessions,
                                              SessionJournal journal, PhotoStore photos, MessageSink sink,
                                              CollaborationProperties properties, ObjectProvider<Clock> clock) {
        SessionCollaboration collaboration = new SessionCollaboration(registry, sessions, journal, photos, sink,
                clock.getIfAvailable(Clock::systemUTC), properties);
        sessions.addListener(collaboration);
        return collaboration;
    }
}
