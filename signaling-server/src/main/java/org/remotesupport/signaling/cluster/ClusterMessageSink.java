package org.remotesupport.signaling.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.remotesupport.protocol.signaling.ServerMessage;
import org.remotesupport.signaling.session.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageSink} of a node: delivers a message to a participant wherever its WebSocket is.
 * On a single node it hands the message straight to the local connection. In a cluster every message,
 * even one for a participant connected here, goes to the participant's node over the
 * {@link MessageBus}: the bus delivers messages in publish order, and publishes made under a session's
 * lock (on any node) are ordered by that lock, so every participant sees one session's messages in
 * one order, whichever nodes produced them. A direct local delivery could overtake a message still on
 * its way from another node. Messages from the bus are delivered on one inbox thread, in arrival
 * order, because sending to a slow client may block and the bus's thread must not.
 * {@link #send} may be called from any thread; it never throws: a participant that is not connected
 * anywhere, or a message the bus could not take, is logged and skipped.
 */
public final class ClusterMessageSink implements MessageSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterMessageSink.class);

    /** What travels on a node's delivery topic. */
    record Delivery(String to, ServerMessage message) {
    }

    private final LocalConnections local;
    private final ParticipantDirectory directory;
    private final MessageBus bus;
    private final ExecutorService inbox;
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final MessageBus.Subscription subscription;

    private ClusterMessageSink(LocalConnections local, ParticipantDirectory directory, MessageBus bus,
                               ExecutorService inbox) {
        this.local = local;
        this.directory = directory;
        this.bus = bus;
        this.inbox = inbox;
        this.subscription = bus == null ? null
                : bus.subscribe(NodeTopics.deliveries(directory.node().id()), this::received);
    }

    /** A sink for a node on its own: every participant is local. */
    public static ClusterMessageSink singleNode(LocalConnections local) {
        return new ClusterMessageSink(local, null, null, null);
    }

    /**
     * A sink for a node in a cluster; it subscribes to this node's delivery topic at once and delivers
     * what arrives there on {@code inbox}, a single-threaded executor it shuts down on {@link #close}.
     */
    public static ClusterMessageSink clustered(LocalConnections local, ParticipantDirectory directory, MessageBus bus,
                                               ExecutorService inbox) {
        return new ClusterMessageSink(Objects.requireNonNull(local), Objects.requireNonNull(directory),
                Objects.requireNonNull(bus), Objects.requireNonNull(inbox));
    }

    @Override
    public void send(String participantId, ServerMessage message) {
        if (bus == null) {
            local.deliver(participantId, message);
            return;
        }
        try {
            Optional<String> node = directory.nodeOf(participantId);
            if (node.isEmpty()) {
                log.debug("{} for {} dropped: not connected to any node", type(message), participantId);
                return;
            }
            bus.publish(NodeTopics.deliveries(node.get()), json.writeValueAsString(new Delivery(participantId, message)));
        } catch (JsonProcessingException e) {
            // records of strings, numbers, lists and maps always serialise
            throw new IllegalStateException("cannot serialise " + type(message), e);
        } catch (RuntimeException e) {
            log.warn("{} for {} could not be routed: {}", type(message), participantId, e.toString());
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
            inbox.shutdownNow();
        }
    }

    private void received(String payload) {
        try {
            inbox.execute(() -> deliverLocally(payload));
        } catch (RejectedExecutionException e) {
            // only while shutting down, when the connections are closing anyway
            log.debug("delivery dropped: inbox stopped");
        }
    }

    private void deliverLocally(String payload) {
        Delivery delivery;
        try {
            delivery = json.readValue(payload, Delivery.class);
        } catch (JsonProcessingException e) {
            // a node of another version may send what this one cannot read; the others still get through
            log.warn("unreadable delivery on the bus: {}", e.getOriginalMessage());
            return;
        }
        if (delivery.to() == null || delivery.message() == null) {
            log.warn("incomplete delivery on the bus");
            return;
        }
        try {
            if (!local.deliver(delivery.to(), delivery.message())) {
                // the participant left this node after the sender looked it up: like a closed connection
                log.debug("{} for {} dropped: no longer connected here", type(delivery.message()), delivery.to());
            }
        } catch (RuntimeException e) {
            log.warn("delivery to {} failed", delivery.to(), e);
        }
    }

    private static String type(ServerMessage message) {
        return message.getClass().getSimpleName();
    }
}
