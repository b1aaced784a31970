package org.remotesupport.signaling.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.remotesupport.signaling.session.Member;
import org.remotesupport.signaling.session.SessionListener;
import org.remotesupport.signaling.session.SupportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed session events ({@code session.started}, {@code session.ended} with its reason) to the
 * configured webhook endpoints. Listener calls come on signaling threads and only queue the work: every
 * attempt runs on the executor given here, so a slow or dead receiver never holds up signaling. A failed
 * attempt (no answer within the timeout, or a status other than 2xx) is retried with exponential
 * backoff, up to the configured number of attempts; then the event is given up, logged and counted.
 * Deliveries are kept in memory only: events not yet delivered when the process stops are lost.
 */
public final class WebhookPublisher implements SessionListener, AutoCloseable {

    /** Header naming the event type. */
    public static final String EVENT_HEADER = "X-RemoteSupport-Event";
    /** Header with the event's id, the same on every attempt, so a receiver can drop duplicates. */
    public static final String DELIVERY_HEADER = "X-RemoteSupport-Delivery";

    private static final Logger log = LoggerFactory.getLogger(WebhookPublisher.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final List<WebhookProperties.Endpoint> endpoints;
    private final WebhookProperties settings;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter delivered;
    private final Counter failed;
    private final Counter dropped;

    public WebhookPublisher(WebhookProperties settings, HttpClient http, ScheduledExecutorService executor, Clock clock,
                            MeterRegistry meters) {
        this.endpoints = List.copyOf(settings.endpoints());
        this.settings = settings;
        this.http = http;
        this.executor = executor;
        this.clock = clock;
        this.delivered = Counter.builder("signaling.webhooks").tag("result", "delivered")
                .description("Webhook deliveries by result").register(meters);
        this.failed = Counter.builder("signaling.webhooks").tag("result", "failed")
                .description("Webhook deliveries by result").register(meters);
        this.dropped = Counter.builder("signaling.webhooks").tag("result", "dropped")
                .description("Webhook deliveries by result").register(meters);
    }

    @Override
    public void sessionStarted(SupportSession session, Instant at) {
        publish("session.started", session, at, null, null, null);
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, Instant at) {
        publish("session.ended", session, at, reason, null, null);
    }

    @Override
    public void sessionEnded(SupportSession session, String reason, String outcome, String note, Instant at) {
        publish("session.ended", session, at, reason, outcome, note);
    }

    @Override
    public void memberLeft(SupportSession session, Member member, Instant at) {
        // not an event integrations subscribe to
    }

    /** Stops delivering; attempts not yet made are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void publish(String type, SupportSession session, Instant at, String reason, String outcome, String note) {
        if (endpoints.isEmpty()) {
            return;
        }
        String id = UUID.randomUUID().toString();
        String body = body(id, type, session, at, reason, outcome, note);
        for (WebhookProperties.Endpoint endpoint : endpoints) {
            if (pending.incrementAndGet() > settings.maxPending()) {
                pending.decrementAndGet();
                dropped.increment();
                log.warn("webhook {} to {} dropped: {} deliveries are already waiting", type, endpoint.url(),
                        settings.maxPending());
                continue;
            }
            schedule(new Delivery(endpoint, id, type, body), 1, Duration.ZERO);
        }
    }

    private record Delivery(WebhookProperties.Endpoint endpoint, String id, String type, String body) {
    }

    private void schedule(Delivery delivery, int attempt, Duration delay) {
        try {
            executor.schedule(() -> attempt(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // only while shutting down
            pending.decrementAndGet();
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        String outcome;
        try {
            long now = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(delivery.endpoint().url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header(EVENT_HEADER, delivery.type())
                    .header(DELIVERY_HEADER, delivery.id())
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.endpoint().secret(), now,
                            delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                pending.decrementAndGet();
                delivered.increment();
                log.debug("webhook {} {} delivered to {} at attempt {}", delivery.type(), delivery.id(),
                        delivery.endpoint().url(), attempt);
                return;
            }
            outcome = "status " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.decrementAndGet();
            return;
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        if (attempt >= settings.maxAttempts()) {
            pending.decrementAndGet();
            failed.increment();
            log.error("webhook {} {} to {} given up after {} attempts (last: {})", delivery.type(), delivery.id(),
                    delivery.endpoint().url(), attempt, outcome);
            return;
        }
        Duration backoff = backoff(attempt);
        log.info("webhook {} {} to {} failed at attempt {} ({}); next in {} ms", delivery.type(), delivery.id(),
                delivery.endpoint().url(), attempt, outcome, backoff.toMillis());
        schedule(delivery, attempt + 1, backoff);
    }

    /** The wait after the given failed attempt: the initial backoff, doubled per attempt, capped. */
    Duration backoff(int failedAttempt) {
        Duration wait = settings.initialBackoff();
        for (int i = 1; i < failedAttempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static String body(String id, String type, SupportSession session, Instant at, String reason,
                               String outcome, String note) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("occurredAt", at.toEpochMilli());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("ticketId", session.ticket() == null ? null : session.ticket().id());
        data.put("orderNumber", session.ticket() == null ? null : session.ticket().orderNumber());
        session.member(session.agentId()).ifPresent(agent -> data.put("agent", agent.subject()));
        data.put("startedAt", session.startedAt() == null ? null : session.startedAt().toEpochMilli());
        data.put("participants", session.members().stream().map(m -> Map.of("participantId", m.participantId(),
                "role", m.role().wire(), "name", m.name())).toList());
        if (reason != null) {
            data.put("reason", reason);
        }
        if (outcome != null) {
            data.put("outcome", outcome);
            data.put("note", note);
        }
        event.put("session", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a webhook event", e);
        }
    }
}
