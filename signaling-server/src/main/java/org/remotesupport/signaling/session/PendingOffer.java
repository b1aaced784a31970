package org.remotesupport.signaling.session;

import java.util.Map;
import java.util.Objects;

/**
 * The relay's newest offer to a participant that the participant has not answered yet. It is kept
 * with the session so that a participant whose WebSocket dropped gets it again when it resumes.
 */
public record PendingOffer(int revision, String sdp, Map<String, String> uplink) {

    public PendingOffer {
        Objects.requireNonNull(sdp, "sdp");
        uplink = Map.copyOf(uplink);
    }
}
