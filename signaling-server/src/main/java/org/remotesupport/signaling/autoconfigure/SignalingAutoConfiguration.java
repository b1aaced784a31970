package org.remotesupport.signaling.autoconfigure;

import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.media.MediaConfiguration;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.SessionConfiguration;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.web.CustomerPageConfiguration;
import org.remotesupport.signaling.ws.WebSocketConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Puts the signaling server into a Spring Boot web application: the {@code /ws} WebSocket endpoint,
 * the {@code /s/{code}} customer link and the session lifecycle, bound to {@link SignalingProperties}.
 * The application must provide one {@link org.remotesupport.protocol.relay.RelayControl} bean; it may
 * provide a {@link SessionRegistry} (default: in memory), a {@link java.time.Clock} and a
 * {@link io.micrometer.core.instrument.MeterRegistry}.
 */
@AutoConfiguration
@EnableConfigurationProperties(SignalingProperties.class)
@Import({SessionConfiguration.class, MediaConfiguration.class, WebSocketConfiguration.class,
        CustomerPageConfiguration.class})
public class SignalingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionRegistry.class)
    InMemorySessionRegistry sessionRegistry() {
        return new InMemorySessionRegistry();
    }
}
