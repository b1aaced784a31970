package org.remotesupport.signaling.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.signaling.SignalingProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the session lifecycle; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    @Bean
    SessionService sessionService(SessionRegistry registry, SessionLocks locks, RelayControl relay, MessageSink sink,
                                  SignalingProperties properties, ObjectProvider<Clock> clock) {
        return new SessionService(registry, locks, relay, sink, clock.getIfAvailable(Clock::systemUTC),
                new SecureRandom(), properties.maxSessionsPerAgent());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ParticipantService participantService(ParticipantStore store, SessionService sessions,
                                          SignalingProperties properties, ObjectProvider<Clock> clock) {
        Duration grace = properties.resumeGrace();
        // a tenth of the grace keeps the overshoot small; never busier than every 50 ms or lazier than every second
        Duration sweep = Duration.ofMillis(Math.max(50, Math.min(1000, grace.toMillis() / 10)));
        ParticipantService participants = new ParticipantService(store, clock.getIfAvailable(Clock::systemUTC),
                new SecureRandom(), grace, Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "signaling-resume-grace");
                    thread.setDaemon(true);
                    return thread;
                }), sweep);
        participants.addListener(sessions);
        return participants;
    }
}
