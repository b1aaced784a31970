package org.remotesupport.signaling.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.Role;
import org.remotesupport.signaling.session.SupportSession;
import org.remotesupport.signaling.ticket.Severity;
import org.remotesupport.signaling.ticket.Ticket;
import org.remotesupport.signaling.ticket.Tier;

/**
 * Webhook delivery against a real local HTTP receiver that fails the first attempts: every attempt
 * carries the same event, correctly signed, the waits between attempts grow, and delivery gives up
 * after the configured number of attempts.
 */
class WebhookPublisherTest {

    private static final String SECRET = "receiver-secret-0123";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WebhookReceiver receiver;
    private WebhookPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aFailingReceiverGetsTheSameSignedEventAgainWithGrowingWaitsUntilItAccepts() throws Exception {
        receiver = new WebhookReceiver(2);
        publisher = publisher(receiver, 5, Duration.ofMillis(100));

        publisher.sessionEnded(session(), "agent_left", NOW);

        WebhookReceiver.Received first = receiver.next(Duration.ofSeconds(10));
        WebhookReceiver.Received second = receiver.next(Duration.ofSeconds(10));
        WebhookReceiver.Received third = receiver.next(Duration.ofSeconds(10));
        assertThat(List.of(first.answered(), second.answered(), third.answered())).containsExactly(503, 503, 204);
        assertThat(List.of(second.delivery(), third.delivery())).containsOnly(first.delivery());
        assertThat(second.body()).isEqualTo(first.body());
        // exponential backoff: 100 ms, then 200 ms
        assertThat(Duration.ofNanos(second.atNanos() - first.atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(third.atNanos() - second.atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        for (WebhookReceiver.Received received : List.of(first, second, third)) {
            assertThat(received.event()).isEqualTo("session.ended");
            assertSigned(received);
        }
        JsonNode event = new ObjectMapper().readTree(third.body());
        assertThat(event.get("type").asText()).isEqualTo("session.ended");
        assertThat(event.get("occurredAt").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.get("session").get("sessionId").asText()).isEqualTo("s1");
        assertThat(event.get("session").get("reason").asText()).isEqualTo("agent_left");
        assertThat(event.get("session").get("orderNumber").asText()).isEqualTo("A-1001");
        assertThat(event.get("session").get("agent").asText()).isEqualTo("ana");
        // the publisher counts the delivery once the receiver's answer is back, which may be after the test saw it
        assertThat(countWithin("delivered", 1, Duration.ofSeconds(10))).isEqualTo(1);
    }

    /** Polls the delivery counter for {@code result} until it reaches {@code expected} or the time is up. */
    private double countWithin(String result, double expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        double count = meters.counter("signaling.webhooks", "result", result).count();
        while (count < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            count = meters.counter("signaling.webhooks", "result", result).count();
        }
        return count;
    }

    @Test
    void aSessionTheAgentEndedWithAnOutcomeCarriesItInTheEvent() throws Exception {
        receiver = new WebhookReceiver(0);
        publisher = publisher(receiver, 1, Duration.ofMillis(20));

        publisher.sessionEnded(session(), "completed", "return", "Send a box", NOW);

        JsonNode session = new ObjectMapper().readTree(receiver.next(Duration.ofSeconds(10)).body()).get("session");
        assertThat(session.get("reason").asText()).isEqualTo("completed");
        assertThat(session.get("outcome").asText()).isEqualTo("return");
        assertThat(session.get("note").asText()).isEqualTo("Send a box");
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheLastAttempt() throws InterruptedException {
        receiver = new WebhookReceiver(Integer.MAX_VALUE);
        publisher = publisher(receiver, 3, Duration.ofMillis(20));

        publisher.sessionStarted(session(), NOW);

        for (int i = 0; i < 3; i++) {
            assertThat(receiver.next(Duration.ofSeconds(10)).event()).isEqualTo("session.started");
        }
        assertThat(countWithin("failed", 1, Duration.ofSeconds(10))).as("given up in time").isEqualTo(1);
        // no fourth attempt
        assertThat(receiver.drain()).isEmpty();
        assertThat(meters.counter("signaling.webhooks", "result", "delivered").count()).isZero();
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        WebhookPublisher capped = new WebhookPublisher(new WebhookProperties(List.of(), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(1), 10), HttpClient.newHttpClient(),
                Executors.newSingleThreadScheduledExecutor(), Clock.systemUTC(), meters);
        try {
            assertThat(List.of(capped.backoff(1), capped.backoff(2), capped.backoff(3), capped.backoff(4),
                    capped.backoff(9))).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
        } finally {
            capped.close();
        }
    }

    private static void assertSigned(WebhookReceiver.Received received) {
        Matcher signature = SIGNATURE.matcher(received.signature());
        assertThat(signature.matches()).as(received.signature()).isTrue();
        assertThat(Long.parseLong(signature.group(1))).isEqualTo(NOW.getEpochSecond());
        assertThat(signature.group(2)).isEqualTo(WebhookSignature.hmac(SECRET, signature.group(1) + "." + received.body()));
        assertThat(signature.group(2)).isNotEqualTo(WebhookSignature.hmac("another-secret-000", signature.group(1) + "."
                + received.body()));
    }

    private WebhookPublisher publisher(WebhookReceiver target, int attempts, Duration backoff) {
        WebhookProperties settings = new WebhookProperties(List.of(new WebhookProperties.Endpoint(target.url(), SECRET)),
                attempts, backoff, Duration.ofSeconds(30), Duration.ofSeconds(5), 100);
        return new WebhookPublisher(settings, HttpClient.newHttpClient(), Executors.newScheduledThreadPool(2),
                Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    private static SupportSession session() {
        Member agent = new Member("p-agent", Role.AGENT, "Ana", "ana");
        Member customer = new Member("p-customer", Role.CUSTOMER, "Carla", "c-1");
        Ticket ticket = new Ticket("t1", "A-1001", "Espresso 300", "coffee-machines", "es", Tier.STANDARD,
                Severity.NORMAL, "", null, null, NOW);
        return SupportSession.matched("s1", agent, customer, ticket, NOW);
    }

}
