package org.remotesupport.media.forward;

import org.remotesupport.media.rtp.PacketCache;
import org.remotesupport.media.rtp.ReceiveStatistics;
import org.remotesupport.media.sdp.Codec;
import org.remotesupport.media.sdp.MediaKind;

/**
 * One RTP stream an endpoint sends to the relay, as its SDP answer declared it, with the state
 * the relay keeps for it: reception statistics for receiver reports, the NACK cache (video only)
 * and keyframe-request throttling. Identity fields are immutable; the rest is confined to the
 * event loop.
 */
final class PublishedTrack {

    // A browser asks again if the keyframe does not come; more than a few requests per second only cost bitrate.
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 250_000_000L;

    final Endpoint publisher;
    final long ssrc;
    final MediaKind kind;
    final Codec codec;
    final ReceiveStatistics statistics;
    final PacketCache cache;
    // receive-side estimation (REMB without transport-cc): the RTP clock unwrapped, and the last sequence number
    long unwrappedTimestamp = Long.MIN_VALUE;
    int lastSequence = -1;
    private long lastKeyframeRequestNanos;
    private int firSequence;

    PublishedTrack(Endpoint publisher, long ssrc, Codec codec) {
        this.publisher = publisher;
        this.ssrc = ssrc;
        this.kind = codec.kind();
        this.codec = codec;
        this.statistics = new ReceiveStatistics(ssrc, kind == MediaKind.AUDIO ? 48_000 : 90_000);
        this.cache = kind == MediaKind.VIDEO ? new PacketCache(512) : null;
    }

    String trackId() {
        return publisher.id + "-" + kind.sdpName();
    }

    /** Whether a keyframe request may go to the publisher now; records it if so. */
    boolean admitKeyframeRequest(long nowNanos) {
        if (lastKeyframeRequestNanos != 0 && nowNanos - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS) {
            return false;
        }
        lastKeyframeRequestNanos = nowNanos;
        return true;
    }

    int nextFirSequence() {
        return firSequence++ & 0xff;
    }
}
