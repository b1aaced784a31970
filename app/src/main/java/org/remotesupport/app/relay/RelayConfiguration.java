package org.remotesupport.app.relay;

import io.micrometer.core.instrument.MeterRegistry;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.media.RelayConfig;
import org.remotesupport.media.record.RecordingConfig;
import org.remotesupport.signaling.recording.RecordingProperties;
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
    MediaRelay mediaRelay(RelayProperties properties, RecordingProperties recording, MeterRegistry meterRegistry) {
        RelayConfig config = properties.toRelayConfig();
        if (recording.enabled()) {
            // the relay writes where the recording store reads: the embedded server shares one directory
            config = config.withRecording(new RecordingConfig(recording.directory().toAbsolutePath(),
                    recording.queueCapacity(), recording.forceEachCluster()));
        }
        // the relay logs its bound port and advertised addresses itself
        return MediaRelay.start(config, meterRegistry);
    }
}
