package org.remotesupport.signaling.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.remotesupport.protocol.signaling.ClientMessage;
import org.remotesupport.protocol.signaling.ErrorCode;

/**
 * Counters of received messages by type and of error replies by code, and gauges of open
 * connections and stored sessions. Meters are created up front so that the hot path only looks
 * them up; thread-safe.
 */
final class SignalingMetrics {

    private final Map<Class<?>, Counter> received;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    SignalingMetrics(MeterRegistry registry, Supplier<Number> connections, Supplier<Number> sessions) {
        received = Arrays.stream(ClientMessage.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, t -> Counter
                        .builder("signaling.messages.received")
                        .description("Client messages decoded, by type")
                        .tag("type", t.name())
                        .register(registry)));
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("signaling.errors")
                    .description("Error replies sent, by code")
                    .tag("code", code.wire())
                    .register(registry));
        }
        Gauge.builder("signaling.connections", connections).description("Open WebSocket connections").register(registry);
        Gauge.builder("signaling.sessions", sessions).description("Stored support sessions").register(registry);
    }

    void received(ClientMessage message) {
        Counter counter = received.get(message.getClass());
        if (counter != null) {
            counter.increment();
        }
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
