package org.remotesupport.signaling.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import org.remotesupport.protocol.signaling.ProtocolCodec;
import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.cluster.ParticipantDirectory;
import org.remotesupport.signaling.identity.AccessTokens;
import org.remotesupport.signaling.identity.AccountStore;
import org.remotesupport.signaling.invite.InviteService;
import org.remotesupport.signaling.journal.SessionCollaboration;
import org.remotesupport.signaling.matching.PairingService;
import org.remotesupport.signaling.media.MediaService;
import org.remotesupport.signaling.recording.RecordingService;
import org.remotesupport.signaling.session.ParticipantService;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.session.SessionService;
import org.remotesupport.signaling.ticket.TicketStore;
import org.remotesupport.signaling.turn.TurnCredentials;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The {@code /ws} endpoint and what it needs: the connection table (the {@link
 * org.remotesupport.signaling.cluster.LocalConnections} of this node, through which the message sink
 * reaches participants connected here), the handler, the idle reaper and the metrics. Imported by the
 * signaling auto-configuration. Browsers may connect from the server's own origin only; clients that
 * send no {@code Origin} header (not browsers) are not restricted.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfiguration {

    /** The path of the signaling endpoint. */
    public static final String PATH = "/ws";

    @Bean
    Connections signalingConnections(ParticipantDirectory directory) {
        return new Connections(directory);
    }

    @Bean
    SignalingHandler signalingHandler(Connections connections, SessionService sessions, MediaService media,
                                      ParticipantService participants, PairingService pairing,
                                      SessionCollaboration collaboration,
                                      RecordingService recording,
                                      SessionRegistry registry, SignalingProperties properties,
                                      AccessTokens tokens, InviteService invites, AccountStore accounts,
                                      TurnCredentials turn, TicketStore tickets,
                                      ObjectProvider<MeterRegistry> meterRegistry) {
        SignalingMetrics metrics = new SignalingMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
                connections::size, registry::size);
        return new SignalingHandler(connections, sessions, media, participants, pairing, collaboration, recording,
                new SignalingHandler.Authorities(tokens, invites, accounts, turn, tickets), new ProtocolCodec(), metrics,
                properties.publicBaseUrl(), properties.idleTimeout(), (int) properties.maxMessageSize().toBytes(),
                new SecureRandom(), System::nanoTime);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    IdleConnectionReaper signalingIdleConnectionReaper(Connections connections, SignalingProperties properties) {
        return new IdleConnectionReaper(connections, properties.idleTimeout(), System::nanoTime,
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "signaling-idle-reaper");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    @Bean
    WebSocketConfigurer signalingEndpoint(SignalingHandler handler) {
        return registry -> registry.addHandler(handler, PATH);
    }
}
