package org.remotesupport.signaling.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;
import org.remotesupport.protocol.relay.UplinkReport;
import org.remotesupport.signaling.session.EndpointId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the events of a relay, which reports to a single listener, to the node that owns each
 * endpoint: the node its participant is connected to. On a single node the relay simply calls this
 * node's handler. In a cluster, whichever node's listener the relay holds looks up the endpoint's
 * participant in the {@link ParticipantDirectory} and publishes the event on that node's relay topic;
 * each node hands the events from its topic to its own handler. An event whose participant is not
 * connected anywhere is handled where it arrived (it can at most reach the session's other members).
 * Events leave the relay's thread at once and are published in arrival order from one thread, so
 * an endpoint's offers keep their revision order.
 */
public final class RelayEventRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayEventRouter.class);

    /** What travels on a node's relay topic: an offer, a state change or an uplink report of one endpoint. */
    record RoutedEvent(String endpointId, RelayOffer offer, RelayEvents.EndpointState state, UplinkReport uplink) {

        RoutedEvent(String endpointId, RelayOffer offer, RelayEvents.EndpointState state) {
            this(endpointId, offer, state, null);
        }
    }

    private final ParticipantDirectory directory;
    private final MessageBus bus;
    private final ExecutorService publisher;
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private volatile MessageBus.Subscription subscription;

    private RelayEventRouter(ParticipantDirectory directory, MessageBus bus, ExecutorService publisher) {
        this.directory = directory;
        this.bus = bus;
        this.publisher = publisher;
    }

    /** A router for a node on its own: the relay's listener is the node's handler itself. */
    public static RelayEventRouter singleNode() {
        return new RelayEventRouter(null, null, null);
    }

    /** A router for a node in a cluster; it publishes on {@code publisher}, a single-threaded executor it shuts down on {@link #close}. */
    public static RelayEventRouter clustered(ParticipantDirectory directory, MessageBus bus, ExecutorService publisher) {
        return new RelayEventRouter(directory, bus, publisher);
    }

    /**
     * Makes {@code handler} this node's handler of relay events (events routed here from any node
     * reach it) and returns the listener to register with the relay. Called once per node.
     */
    public synchronized RelayEvents route(RelayEvents handler) {
        if (bus == null) {
            return handler;
        }
        if (subscription != null) {
            throw new IllegalStateException("this node already has a relay event handler");
        }
        subscription = bus.subscribe(NodeTopics.relayEvents(directory.node().id()), payload -> received(payload, handler));
        return new RelayEvents() {
            @Override
            public void offer(String endpointId, RelayOffer offer) {
                submit(new RoutedEvent(endpointId, offer, null), handler);
            }

            @Override
            public void stateChanged(String endpointId, EndpointState state) {
                submit(new RoutedEvent(endpointId, null, state), handler);
            }

            @Override
            public void uplink(String endpointId, UplinkReport report) {
                submit(new RoutedEvent(endpointId, null, null, report), handler);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (publisher != null) {
            publisher.shutdownNow();
        }
    }

    private void submit(RoutedEvent event, RelayEvents handler) {
        try {
            publisher.execute(() -> forward(event, handler));
        } catch (RejectedExecutionException e) {
            log.debug("relay event dropped: router stopped");
        }
    }

    private void forward(RoutedEvent event, RelayEvents handler) {
        try {
            Optional<String> owner = EndpointId.parse(event.endpointId())
                    .flatMap(endpoint -> directory.nodeOf(endpoint.participantId()));
            if (owner.isEmpty() || owner.get().equals(directory.node().id())) {
                dispatch(event, handler);
                return;
            }
            bus.publish(NodeTopics.relayEvents(owner.get()), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a relay event", e);
        } catch (RuntimeException e) {
            log.warn("relay event for {} could not be routed: {}", event.endpointId(), e.toString());
        }
    }

    private void received(String payload, RelayEvents handler) {
        RoutedEvent event;
        try {
            event = json.readValue(payload, RoutedEvent.class);
        } catch (JsonProcessingException e) {
            log.warn("unreadable relay event on the bus: {}", e.getOriginalMessage());
            return;
        }
        // the handler only queues the event for its own thread, so the bus's thread is not held up
        dispatch(event, handler);
    }

    private static void dispatch(RoutedEvent event, RelayEvents handler) {
        if (event.endpointId() == null) {
            return;
        }
        if (event.offer() != null) {
            handler.offer(event.endpointId(), event.offer());
        } else if (event.state() != null) {
            handler.stateChanged(event.endpointId(), event.state());
        } else if (event.uplink() != null) {
            handler.uplink(event.endpointId(), event.uplink());
        }
    }
}
