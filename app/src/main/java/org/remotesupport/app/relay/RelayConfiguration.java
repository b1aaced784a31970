package org.remotesupport.app.relay;

import io.micrometer.core.instrument.MeterRegistry;
import org.remotesupport.media.MediaRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded media relay. The one {@link MediaRelay} bean is also the
 * {@link org.remotesupport.protocol.relay.RelayControl} the signaling server places participants
 * with; it is closed (port released) when the application context shuts down.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

    @Bean(destroyMethod = "close")
    MediaRelay mediaRelay(RelayProperties properties, MeterRegistry meterRegistry) {
        MediaRelay relay = MediaRelay.start(properties.toRelayConfig(), meterRegistry);
        log.info("Media relay listening on UDP {}; advertised addresses: {}", relay.localAddress(),
                properties.advertisedAddresses().isEmpty() ? "all interfaces" : properties.advertisedAddresses());
        return relay;
    }
}
