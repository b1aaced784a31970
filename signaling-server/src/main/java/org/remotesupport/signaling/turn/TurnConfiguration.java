package org.remotesupport.signaling.turn;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** TURN credentials from {@link TurnProperties}; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TurnProperties.class)
public class TurnConfiguration {

    @Bean
    TurnCredentials turnCredentials(TurnProperties properties, ObjectProvider<Clock> clock) {
        return new TurnCredentials(properties.urls(), properties.secret(), properties.ttl(),
                properties.iceTransportPolicy(), clock.getIfAvailable(Clock::systemUTC));
    }
}
