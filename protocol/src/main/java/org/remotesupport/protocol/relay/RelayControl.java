package org.remotesupport.protocol.relay;

/**
 * The control API of a media relay, used by the signaling server to place participants on it.
 * In the all-in-one app this is the relay object itself; a relay running as its own process
 * exposes the same operations over authenticated HTTP/JSON. Methods are thread-safe and return
 * promptly (no network I/O on the caller's thread); events arrive on {@link RelayEvents}.
 */
public interface RelayControl {

    /**
     * Creates an endpoint for one participant in a relay session (created on first use) and
     * returns the first offer for it. Media published by the other endpoints of the same session
     * is forwarded to it; what it publishes is forwarded to them.
     *
     * @throws RelayException with {@link RelayException.Reason#ENDPOINT_EXISTS} if the id is taken
     */
    RelayOffer allocate(String sessionId, String endpointId);

    /**
     * Applies the client's SDP answer to the offer of the given revision.
     *
     * @throws RelayException if the endpoint is unknown, the revision is not the outstanding
     *         offer, or the SDP is not an acceptable answer
     */
    void answer(String endpointId, int revision, String sdp);

    /** Closes an endpoint and stops forwarding to and from it; unknown ids are ignored. */
    void release(String endpointId);

    /** Registers the listener for offers and state changes that the relay produces on its own. */
    void setEvents(RelayEvents events);
}
