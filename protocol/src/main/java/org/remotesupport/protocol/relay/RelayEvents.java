package org.remotesupport.protocol.relay;

/**
 * Callbacks from a relay to the signaling server. They are called on relay threads and must not
 * block; implementations hand the work to their own threads or just send a message.
 */
public interface RelayEvents {

    /** The relay needs the client of this endpoint to take a new offer (someone started publishing or left). */
    void offer(String endpointId, RelayOffer offer);

    /** The endpoint's media path changed state. */
    void stateChanged(String endpointId, EndpointState state);

    /**
     * About once a second for every endpoint that publishes video: what arrived of it (see
     * {@link UplinkReport}). Relays that cannot measure it never call this.
     */
    default void uplink(String endpointId, UplinkReport report) {
    }

    /** Media path states of an endpoint. */
    enum EndpointState {
        /** ICE checks succeeded and DTLS completed: media flows. */
        CONNECTED,
        /** Consent expired (no ICE checks) or DTLS failed: media stopped. */
        DISCONNECTED
    }

    /** A listener that ignores every event. */
    RelayEvents NONE = new RelayEvents() {
        @Override
        public void offer(String endpointId, RelayOffer offer) {
        }

        @Override
        public void stateChanged(String endpointId, EndpointState state) {
        }
    };
}
