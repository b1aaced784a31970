package org.remotesupport.signaling.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.remotesupport.signaling.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook publisher, registered as a session listener; imported by the signaling auto-configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean(destroyMethod = "close")
    WebhookPublisher webhookPublisher(WebhookProperties properties, SessionService sessions,
                                      ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        // two threads: one slow receiver still leaves one for the others
        WebhookPublisher publisher = new WebhookPublisher(properties,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Executors.newScheduledThreadPool(2, runnable -> {
                    Thread thread = new Thread(runnable, "signaling-webhooks");
                    thread.setDaemon(true);
                    return thread;
                }),
                clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable(SimpleMeterRegistry::new));
        sessions.addListener(publisher);
        return publisher;
    }
}
