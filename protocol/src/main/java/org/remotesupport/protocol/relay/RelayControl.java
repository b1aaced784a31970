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

    /**
     * Restarts ICE for an endpoint whose client changed networks (Wi-Fi to mobile data): returns a
     * new offer with fresh ICE credentials that replaces any outstanding one. The endpoint, its
     * DTLS session and its SRTP keys stay; media moves to the client's new address once its checks
     * with the new credentials nominate it.
     *
     * @throws RelayException with {@link RelayException.Reason#UNKNOWN_ENDPOINT} if there is no such endpoint
     */
    default RelayOffer restartIce(String endpointId) {
        throw new RelayException(RelayException.Reason.CAPACITY, "this relay cannot restart ICE");
    }

    /** Closes an endpoint and stops forwarding to and from it; unknown ids are ignored. */
    void release(String endpointId);

    /**
     * Starts recording a session's media on the relay into a file named after {@code recordingId}
     * (the session is created on first use, so recording may start before anyone has joined media).
     * {@code videoEndpointId} names the endpoint whose video is recorded (the customer's camera); null
     * takes the first video published. Every audio track is recorded. Returns promptly: the file is
     * written by the relay's own recording thread.
     *
     * @throws RelayException with {@link RelayException.Reason#RECORDING_UNAVAILABLE} if this relay
     *         does not record, is already recording the session, or cannot create the file
     */
    default void startRecording(String sessionId, String recordingId, String videoEndpointId) {
        throw new RelayException(RelayException.Reason.RECORDING_UNAVAILABLE, "this relay does not record");
    }

    /**
     * Stops recording a session and closes its file, waiting (a few seconds at most) for what is
     * queued to be written. Returns what was recorded, or null if the session was not being recorded.
     */
    default RelayRecording stopRecording(String sessionId) {
        return null;
    }

    /** Registers the listener for offers and state changes that the relay produces on its own. */
    void setEvents(RelayEvents events);
}
