package org.remotesupport.protocol.relay;

import java.util.Map;

/**
 * An SDP offer that a relay wrote for one endpoint. {@code revision} increases with every offer
 * to that endpoint; an answer names the revision it answers. {@code uplink} maps a media kind
 * ({@code audio}, {@code video}) to the mid of the m-line on which the client sends that kind.
 */
public record RelayOffer(String endpointId, int revision, String sdp, Map<String, String> uplink) {

    public RelayOffer {
        uplink = Map.copyOf(uplink);
    }
}
