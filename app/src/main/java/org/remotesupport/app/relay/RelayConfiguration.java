package org.remotesupport.app.relay;

import io.micrometer.core.instrument.MeterRegistry;
import org.remotesupport.media.MediaRelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded media relay. The one {@link MediaRelay} bean is also the
 * {@link org.remotesupport.protocol.relay.RelayControl} the signaling server places participants
 * with; it is closed (port released) when the application context shuts down.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    @Bean(destroyMethod = "close")
    // an embedding application (or a test running several signaling nodes) may hand in a relay it owns
    @ConditionalOnMissingBean(MediaRelay.class)
    MediaRelay mediaRelay(RelayProperties properties, MeterRegistry meterRegistry) {
        // the relay logs its bound port and advertised addresses itself
        return MediaRelay.start(properties.toRelayConfig(), meterRegistry);
    }
}
