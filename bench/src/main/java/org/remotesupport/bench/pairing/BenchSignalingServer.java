package org.remotesupport.bench.pairing;

import java.util.Map;
import org.remotesupport.annotation.autoconfigure.AnnotationAutoConfiguration;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One signaling node as the pairing benchmark runs it: the real signaling server (WebSocket,
 * identities, presence, queue, matching; in memory or on Redis as its properties say) with a relay
 * that is never asked for media, because pairing ends before anyone joins media. The annotation
 * service, on the classpath for the markup benchmark, is left out.
 */
@SpringBootApplication(exclude = AnnotationAutoConfiguration.class)
public class BenchSignalingServer {

    @Bean
    RelayControl benchRelay() {
        return new NoMediaRelay();
    }

    /** A relay for sessions that never join media: allocating fails, the rest does nothing. */
    static final class NoMediaRelay implements RelayControl {

        @Override
        public RelayOffer allocate(String sessionId, String endpointId) {
            throw new UnsupportedOperationException("the pairing benchmark joins no media");
        }

        @Override
        public void answer(String endpointId, int revision, String sdp) {
            throw new UnsupportedOperationException("the pairing benchmark joins no media");
        }

        @Override
        public void release(String endpointId) {
        }

        @Override
        public void setEvents(RelayEvents events) {
        }

        @Override
        public String toString() {
            return "NoMediaRelay" + Map.of();
        }
    }
}
