package org.remotesupport.media;

import java.util.Map;

/**
 * A snapshot of a relay's packet counters, safe to read from any thread.
 *
 * @param received      datagrams read from the port
 * @param forwarded     RTP packets sent to subscribers (one per subscriber copy)
 * @param rtcpForwarded RTCP packets relayed between endpoints (PLI, FIR, sender reports)
 * @param nackAnswered  RTP packets resent from the cache in answer to a NACK
 * @param dropped       dropped datagrams by reason
 * @param endpoints     endpoints currently allocated
 * @param keyframeRequests keyframe requests sent to publishers, after aggregation
 * @param videoPaused   times a subscriber's single-stream video was held back for its link
 * @param dtlsHandshakes DTLS handshakes completed (an ICE restart keeps the session and adds none)
 * @param iceRestarts   ICE restarts offered
 * @param pathChanges   endpoints moved to a client's new address by a nominated check
 */
public record RelayStats(
        long received,
        long forwarded,
        long rtcpForwarded,
        long nackAnswered,
        Map<DropReason, Long> dropped,
        int endpoints,
        long keyframeRequests,
        long videoPaused,
        long dtlsHandshakes,
        long iceRestarts,
        long pathChanges) {

    public RelayStats {
        dropped = Map.copyOf(dropped);
    }

    /** Count of drops for one reason. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
