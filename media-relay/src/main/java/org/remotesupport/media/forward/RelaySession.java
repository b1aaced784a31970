package org.remotesupport.media.forward;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.remotesupport.media.record.SessionRecorder;

/**
 * The endpoints of one support session on this relay. Membership changes under the relay's
 * control lock and publishes an immutable array that the event loop iterates without locking.
 */
final class RelaySession {

    final String id;
    private volatile Endpoint[] endpoints = new Endpoint[0];
    private volatile Map<Long, PublishedTrack> tracksBySsrc = Map.of();
    /** The session's recording tap while it is recorded; set and cleared under the control lock. */
    volatile SessionRecorder recorder;

    RelaySession(String id) {
        this.id = id;
    }

    Endpoint[] endpoints() {
        return endpoints;
    }

    void add(Endpoint endpoint) {
        Endpoint[] next = Arrays.copyOf(endpoints, endpoints.length + 1);
        next[next.length - 1] = endpoint;
        endpoints = next;
        rebuildTracks();
    }

    void remove(Endpoint endpoint) {
        endpoints = Arrays.stream(endpoints).filter(e -> e != endpoint).toArray(Endpoint[]::new);
        rebuildTracks();
    }

    boolean isEmpty() {
        return endpoints.length == 0;
    }

    /** The published track with this SSRC in this session, for feedback routing; null if none. */
    PublishedTrack track(long ssrc) {
        return tracksBySsrc.get(ssrc);
    }

    /** Recomputes the SSRC index after an endpoint's published tracks changed. */
    synchronized void rebuildTracks() { // the control thread and (for learned simulcast layers) the event loop
        Map<Long, PublishedTrack> next = new HashMap<>();
        for (Endpoint endpoint : endpoints) {
            for (PublishedTrack track : endpoint.published()) {
                next.put(track.ssrc, track);
            }
        }
        tracksBySsrc = Map.copyOf(next);
    }
}
