package org.remotesupport.signaling.matching;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.journal.SessionCollaboration;
import org.remotesupport.signaling.presence.PresenceStore;
import org.remotesupport.signaling.queue.ContactHistory;
import org.remotesupport.signaling.queue.QueueStore;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of presence, the queue and matching, bound to {@link MatchingProperties}; registers them
 * with the session lifecycle and the resumable participants. Imported by the signaling
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MatchingProperties.class)
public class MatchingConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    MatchingEngine matchingEngine(QueueStore queue, PresenceStore presence, ContactHistory contacts,
                                  SessionService sessions, MessageSink sink, MatchingProperties properties,
                                  ObjectProvider<Clock> clock, ObjectProvider<SessionCollaboration> collaboration) {
        // the journal keeps when the customer queued and the offer rang, for the session report
        SessionCollaboration journal = collaboration.getIfAvailable();
        MatchingEngine engine = new MatchingEngine(queue, presence, contacts, sessions, sink,
                clock.getIfAvailable(Clock::systemUTC), new SecureRandom(), properties, daemon("signaling-matching"),
                journal == null ? MatchListener.NONE : journal::matched);
        sessions.addListener(engine);
        return engine;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    QueueBoard queueBoard(QueueStore queue, PresenceStore presence, MessageSink sink, MatchingProperties properties,
                          ObjectProvider<Clock> clock) {
        return new QueueBoard(queue, presence, sink, clock.getIfAvailable(Clock::systemUTC), properties,
                daemon("signaling-queue-board"));
    }

    @Bean
    PairingService pairingService(QueueStore queue, PresenceStore presence, ContactHistory contacts,
                                  SessionRegistry registry, SessionService sessions, MatchingEngine engine,
                                  QueueBoard board, MessageSink sink, ParticipantService participants,
                                  SignalingProperties signaling, ObjectProvider<Clock> clock) {
        // a presence outlives the idle timeout by a little, so that the reaper closes a silent agent first
        PairingService pairing = new PairingService(queue, presence, contacts, registry, sessions, engine, board,
                sink, clock.getIfAvailable(Clock::systemUTC), new SecureRandom(),
                signaling.idleTimeout().plusSeconds(5), signaling.resumeGrace(), System::nanoTime);
        participants.addListener(pairing);
        return pairing;
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
