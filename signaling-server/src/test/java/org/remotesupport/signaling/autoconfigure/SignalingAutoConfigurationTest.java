package org.remotesupport.signaling.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.signaling.FakeRelayControl;
import org.remotesupport.signaling.SignalingProperties;
import org.remotesupport.signaling.session.InMemorySessionRegistry;
import org.remotesupport.signaling.session.SessionRegistry;
import org.remotesupport.signaling.turn.TurnCredentials;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/** The auto-configuration on its own, without component scanning: what it needs, what it binds, what it refuses. */
class SignalingAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SignalingAutoConfiguration.class))
            .withBean(RelayControl.class, FakeRelayControl::new);

    @Test
    void defaultsApplyAndTheEndpointIsMapped() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SignalingProperties properties = context.getBean(SignalingProperties.class);
            assertThat(properties.publicBaseUrl()).isNull();
            assertThat(properties.inviteTtl()).isEqualTo(Duration.ofMinutes(60));
            assertThat(properties.maxMessageSize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(properties.maxSessionsPerAgent()).isEqualTo(4);
            assertThat(properties.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(context).getBean(SessionRegistry.class).isInstanceOf(InMemorySessionRegistry.class);
            assertThat(context).getBean("signalingHandler").isInstanceOf(WebSocketHandler.class);
            assertThat(context).getBean("signalingEndpoint").isInstanceOf(WebSocketConfigurer.class);
        });
    }

    @Test
    void settingsBindFromTheirKeys() {
        runner.withPropertyValues(
                        "remote-support.signaling.public-base-url=https://support.example.com",
                        "remote-support.signaling.invite-ttl=15m",
                        "remote-support.signaling.max-message-size=128KB",
                        "remote-support.signaling.max-sessions-per-agent=2",
                        "remote-support.signaling.idle-timeout=30s")
                .run(context -> {
                    SignalingProperties properties = context.getBean(SignalingProperties.class);
                    assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("https://support.example.com"));
                    assertThat(properties.inviteTtl()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(properties.maxMessageSize()).isEqualTo(DataSize.ofKilobytes(128));
                    assertThat(properties.maxSessionsPerAgent()).isEqualTo(2);
                    assertThat(properties.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void badSettingsStopTheStart() {
        String[][] bad = {
                {"remote-support.signaling.invite-ttl=0s", "inviteTtl"},
                {"remote-support.signaling.invite-ttl=30d", "inviteTtl"},
                {"remote-support.signaling.max-message-size=1KB", "maxMessageSize"},
                {"remote-support.signaling.max-message-size=16MB", "maxMessageSize"},
                {"remote-support.signaling.max-sessions-per-agent=0", "maxSessionsPerAgent"},
                {"remote-support.signaling.idle-timeout=10ms", "idleTimeout"},
                {"remote-support.signaling.public-base-url=ftp://files.example.com", "publicBaseUrl"},
                {"remote-support.signaling.public-base-url=https://support.example.com/?a=b", "publicBaseUrl"},
        };
        for (String[] setting : bad) {
            runner.withPropertyValues(setting[0]).run(context -> assertThat(context).getFailure()
                    .as(setting[0])
                    .rootCause().hasMessageContaining(setting[1]));
        }
    }

    @Test
    void turnSettingsBindAndTheirPolicyReachesClients() {
        runner.withPropertyValues(
                        "remote-support.turn.urls=turn:turn.example.com:3478?transport=tcp,turns:turn.example.com:443",
                        "remote-support.turn.secret=north-turn-secret-0123",
                        "remote-support.turn.ice-transport-policy=relay")
                .run(context -> {
                    TurnCredentials turn = context.getBean(TurnCredentials.class);
                    assertThat(turn.iceTransportPolicy()).isEqualTo("relay");
                    assertThat(turn.iceServersFor("p1")).singleElement()
                            .satisfies(server -> assertThat(server.urls()).hasSize(2));
                });
        runner.withPropertyValues(
                        "remote-support.turn.urls=turn:turn.example.com:3478",
                        "remote-support.turn.secret=north-turn-secret-0123")
                .run(context -> assertThat(context.getBean(TurnCredentials.class).iceTransportPolicy()).isEqualTo("all"));
        // without TURN there is no policy to hand out: clients keep the browser's default
        runner.run(context -> assertThat(context.getBean(TurnCredentials.class).iceTransportPolicy()).isNull());
    }

    @Test
    void badTurnSettingsStopTheStart() {
        String[][] bad = {
                {"remote-support.turn.ice-transport-policy=relay", "relayPolicyWithTurn"},
                {"remote-support.turn.ice-transport-policy=none", "iceTransportPolicy"},
                {"remote-support.turn.urls=stun:stun.example.com", "urlsValid"},
        };
        for (String[] setting : bad) {
            runner.withPropertyValues(setting[0], "remote-support.turn.secret=north-turn-secret-0123")
                    .run(context -> assertThat(context).getFailure()
                            .as(setting[0])
                            .rootCause().hasMessageContaining(setting[1]));
        }
        runner.withPropertyValues("remote-support.turn.urls=turn:turn.example.com")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("secretSetWhenEnabled"));
    }

    @Test
    void aRelayIsRequired() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SignalingAutoConfiguration.class))
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(NoSuchBeanDefinitionException.class)
                        .hasMessageContaining(RelayControl.class.getName()));
    }

    @Test
    void anApplicationSessionRegistryReplacesTheDefault() {
        SessionRegistry own = new InMemorySessionRegistry();
        runner.withBean(SessionRegistry.class, () -> own)
                .run(context -> assertThat(context.getBean(SessionRegistry.class)).isSameAs(own));
    }

    @Test
    void theRelayReportsToTheSignalingServer() {
        FakeRelayControl relay = new FakeRelayControl();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SignalingAutoConfiguration.class))
                .withBean(RelayControl.class, () -> relay)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(relay.hasEventListener()).isTrue();
                    // an event for an endpoint nobody holds is dropped, not thrown back at the relay
                    relay.changeState("nobody.here", RelayEvents.EndpointState.CONNECTED);
                });
    }
}
