package org.remotesupport.app.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.remotesupport.media.MediaRelay;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * Drives a {@link MediaRelay} directly, without the signaling server: allocates endpoints and
 * answers the relay's offers for each of them on a thread of its own, in order, recording failures.
 */
public final class RelayNegotiation implements RelayEvents, AutoCloseable {

    /** Answers one offer with the peer's SDP answer. */
    public interface Answerer {
        String answer(RelayOffer offer) throws Exception;
    }

    private final MediaRelay relay;
    private final Map<String, BlockingQueue<RelayOffer>> offers = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, EndpointState> states = new ConcurrentHashMap<>();
    /** Negotiations that failed, as "endpoint: error". */
    public final List<String> failures = new CopyOnWriteArrayList<>();

    public RelayNegotiation(MediaRelay relay) {
        this.relay = relay;
        relay.setEvents(this);
    }

    /** Allocates the endpoint and answers its offers, now and later, on a thread of its own. */
    public void join(String session, String endpoint, Answerer answerer) {
        BlockingQueue<RelayOffer> queue = offers.computeIfAbsent(endpoint, id -> new LinkedBlockingQueue<>());
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    RelayOffer offer = queue.take();
                    try {
                        relay.answer(endpoint, offer.revision(), answerer.answer(offer));
                    } catch (Exception e) {
                        failures.add(endpoint + ": " + e);
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, endpoint + "-negotiation");
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        queue.add(relay.allocate(session, endpoint));
    }

    /** Restarts ICE on the endpoint, as {@code media.restart-ice} does; its offer is answered like the others. */
    public void restartIce(String endpoint) {
        offers.computeIfAbsent(endpoint, id -> new LinkedBlockingQueue<>()).add(relay.restartIce(endpoint));
    }

    /** The latest state the relay reported for the endpoint, or null. */
    public EndpointState state(String endpoint) {
        return states.get(endpoint);
    }

    @Override
    public void offer(String endpointId, RelayOffer offer) {
        offers.computeIfAbsent(endpointId, id -> new LinkedBlockingQueue<>()).add(offer);
    }

    @Override
    public void stateChanged(String endpointId, EndpointState state) {
        states.put(endpointId, state);
    }

    @Override
    public void close() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
