package org.remotesupport.media;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import org.remotesupport.protocol.relay.RelayControl;
import org.remotesupport.protocol.relay.RelayEvents;
import org.remotesupport.protocol.relay.RelayOffer;

/**
 * A running selective forwarding unit on one UDP port: ICE-lite, DTLS-SRTP, RTP/RTCP forwarding
 * between the endpoints of each session. Create with {@link #start}, stop with {@link #close}.
 * Control calls are thread-safe; packets are handled on the relay's own event loop.
 */
public final class MediaRelay implements RelayControl, AutoCloseable {

    private MediaRelay() {
    }

    /** Binds the UDP port and starts the event loop; counters are registered on {@code registry}. */
    public static MediaRelay start(RelayConfig config, MeterRegistry registry) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The bound UDP address. */
    public InetSocketAddress localAddress() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Current counters. */
    public RelayStats stats() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public RelayOffer allocate(String sessionId, String endpointId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void answer(String endpointId, int revision, String sdp) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void release(String endpointId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void setEvents(RelayEvents events) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
