package org.remotesupport.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotesupport.media.RelayConfig;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding and start-up validation of {@code remote-support.relay.*}, without starting a relay. */
class RelayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RelayProperties.class)
    static class BindOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(BindOnly.class);

    @Test
    void defaultsListenOnEveryInterfaceOnPort10000() {
        runner.run(context -> {
            RelayConfig config = context.getBean(RelayProperties.class).toRelayConfig();
            assertThat(config).isEqualTo(new RelayConfig("0.0.0.0", 10000, List.of(), Duration.ofSeconds(30), true));
        });
    }

    @Test
    void bindsEveryKey() {
        runner.withPropertyValues(
                        "remote-support.relay.bind-address=127.0.0.1",
                        "remote-support.relay.port=0",
                        "remote-support.relay.advertised-addresses=127.0.0.1,::1",
                        "remote-support.relay.consent-timeout=5s",
                        "remote-support.relay.native-transport=false")
                .run(context -> assertThat(context.getBean(RelayProperties.class).toRelayConfig())
                        .isEqualTo(new RelayConfig("127.0.0.1", 0, List.of("127.0.0.1", "::1"), Duration.ofSeconds(5), false)));
    }

    @Test
    void refusesAPortOutOfRange() {
        assertStartFails("remote-support.relay.port=70000", "port");
    }

    @Test
    void refusesAHostNameAsBindAddress() {
        assertStartFails("remote-support.relay.bind-address=relay.example", "bindAddressValid");
    }

    @Test
    void refusesTheWildcardAsAdvertisedAddress() {
        assertStartFails("remote-support.relay.advertised-addresses=0.0.0.0", "advertisedAddressesValid");
    }

    @Test
    void refusesAConsentTimeoutUnderOneSecond() {
        assertStartFails("remote-support.relay.consent-timeout=100ms", "consentTimeoutValid");
    }

    private void assertStartFails(String property, String field) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(field);
        });
    }
}
