package org.remotesupport.signaling.session;

import java.security.SecureRandom;
import java.time.Clock;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.signaling.SignalingProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the session lifecycle; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    @Bean
    SessionLocks signalingSessionLocks() {
        return new SessionLocks();
    }

    @Bean
    SessionService sessionService(SessionRegistry registry, SessionLocks locks, RelayControl relay, MessageSink sink,
                                  SignalingProperties properties, ObjectProvider<Clock> clock) {
        return new SessionService(registry, locks, relay, sink, clock.getIfAvailable(Clock::systemUTC),
                new SecureRandom(), properties.joinCodeTtl(), properties.maxSessionsPerAgent());
    }
}
