package org.remotesupport.media.sdp;

import java.util.List;

/**
 * One m-line of an offer the relay writes. An uplink line ({@code track == null}) is where the
 * client sends its own media (the relay receives: {@code recvonly}); a downlink line carries one
 * track of another participant, forwarded by the relay ({@code sendonly}), or is retired
 * ({@code inactive}) once that track ends. An uplink video line may offer to receive simulcast
 * layers named by {@code simulcastRids}, lowest first (empty: a single stream). Immutable.
 */
public record OfferLine(String mid, MediaKind kind, Direction direction, List<Codec> codecs, ForwardedTrack track,
                        List<String> simulcastRids) {

    public OfferLine {
        codecs = List.copyOf(codecs);
        simulcastRids = List.copyOf(simulcastRids);
    }

    /** A line without simulcast. */
    public OfferLine(String mid, MediaKind kind, Direction direction, List<Codec> codecs, ForwardedTrack track) {
        this(mid, kind, direction, codecs, track, List.of());
    }

    /** A track the relay sends on a downlink line: its SSRC and the ids the receiver's MediaStream gets. */
    public record ForwardedTrack(long ssrc, String streamId, String trackId, String cname) {
    }
}
