package org.remotesupport.signaling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.remotesupport.signaling.identity.AccessTokens;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application that hosts the signaling server, set up the way the all-in-one app is
 * (it scans this package too): the relay is {@link FakeRelayControl}, time a {@link MutableClock};
 * {@link TestIdentities} issues tokens.
 */
@SpringBootApplication
public class SignalingTestApplication {

    @Bean
    FakeRelayControl relayControl() {
        return new FakeRelayControl();
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Bean
    TestIdentities testIdentities(AccessTokens tokens) {
        return new TestIdentities(tokens);
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
