package org.remotesupport.signaling.media;

import java.time.Clock;
import java.util.concurrent.Executors;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.signaling.cluster.RelayEventRouter;
import org.remotesupport.signaling.session.MessageSink;
import org.remotesupport.signaling.session.SessionLocks;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of media negotiation; registers the signaling server, through the cluster's relay event
 * router, as the relay's event listener.
 * Imported by the signaling auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FallbackProperties.class)
public class MediaConfiguration {

    @Bean(destroyMethod = "close")
    MediaService mediaService(SessionService sessions, SessionRegistry registry, SessionLocks locks,
                              RelayControl relay, MessageSink sink, RelayEventRouter router,
                              FallbackProperties fallback, ObjectProvider<Clock> clock) {
        // one thread keeps each endpoint's offers in revision order
        MediaService media = new MediaService(sessions, registry, locks, relay, sink,
                Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "signaling-relay-events");
                    thread.setDaemon(true);
                    return thread;
                }), fallback, clock.getIfAvailable(Clock::systemUTC));
        // in a cluster the relay's one listener forwards each event to the node that owns the endpoint
        relay.setEvents(router.route(media.relayEvents()));
        return media;
    }
}
