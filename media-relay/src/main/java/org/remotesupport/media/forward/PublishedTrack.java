package org.remotesupport.media.forward;

import org.remotesupport.media.rtp.PacketCache;
import org.remotesupport.media.rtp.ReceiveStatistics;
import org.remotesupport.media.sdp.Codec;
import org.remotesupport.media.sdp.MediaKind;

/**
 * One RTP stream an endpoint sends to the relay, as its SDP answer declared it, with the state
 * the relay keeps for it: reception statistics for receiver reports, the NACK cache (video only),
 * its measured bitrate and keyframe-request throttling. A simulcast video line is a group track
 * (an SSRC of the relay's own, the stream subscribers see) whose layers are tracks learned from
 * the rtp-stream-id of their first packets. Identity fields are immutable; the rest is confined to
 * the event loop.
 */
final class PublishedTrack {

    // A browser asks again if the keyframe does not come; more than a few requests per second only cost bitrate.
    // Requests from several subscribers (or layer switches) within this window become one.
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;
    private static final long RATE_WINDOW_NANOS = 500_000_000L;
    /** A layer that sent nothing for this long is paused (the browser stops layers its uplink cannot carry). */
    private static final long ACTIVE_NANOS = 1_500_000_000L;

    final Endpoint publisher;
    final long ssrc;
    final MediaKind kind;
    final Codec codec;
    final ReceiveStatistics statistics;
    final PacketCache cache;
    // receive-side estimation (REMB without transport-cc): the RTP clock unwrapped, and the last sequence number
    long unwrappedTimestamp = Long.MIN_VALUE;
    int lastSequence = -1;
    // uplink reports: bytes received so far, and the counts at the previous report
    long bytesReceived;
    long reportedBytes;
    long reportedExpected;
    long reportedReceived;
    private long lastKeyframeRequestNanos;
    private int firSequence;

    /** For a simulcast group: the layers' rids, lowest first; null for any other track. */
    final java.util.List<String> rids;
    /** For a layer: its group and its index in the group's rids; null and 0 otherwise. */
    final PublishedTrack group;
    final int layerIndex;
    // a plain track is its own single layer; a group's layers fill in as their SSRCs are learned
    private volatile PublishedTrack[] layers;
    /** The group's forwarder into the recording; created on the event loop when recorded. */
    LayerForwarder recordingForwarder;

    // bitrate, event loop (read by selection on the same thread)
    private long rateWindowStart = Long.MIN_VALUE;
    private long rateWindowBytes;
    private long rateBps;
    private long lastPacketNanos = Long.MIN_VALUE;

    PublishedTrack(Endpoint publisher, long ssrc, Codec codec) {
        this(publisher, ssrc, codec, null, null, 0);
    }

    private PublishedTrack(Endpoint publisher, long ssrc, Codec codec, java.util.List<String> rids,
                           PublishedTrack group, int layerIndex) {
        this.publisher = publisher;
        this.ssrc = ssrc;
        this.kind = codec.kind();
        this.codec = codec;
        this.rids = rids == null ? null : java.util.List.copyOf(rids);
        this.group = group;
        this.layerIndex = layerIndex;
        this.statistics = new ReceiveStatistics(ssrc, kind == MediaKind.AUDIO ? 48_000 : 90_000);
        this.cache = kind == MediaKind.VIDEO && rids == null ? new PacketCache(512) : null;
        this.layers = rids == null ? new PublishedTrack[] {this} : new PublishedTrack[rids.size()];
    }

    /** A simulcast group: subscribers receive it as {@code outputSsrc}; its layers come later. */
    static PublishedTrack simulcastGroup(Endpoint publisher, long outputSsrc, Codec codec, java.util.List<String> rids) {
        return new PublishedTrack(publisher, outputSsrc, codec, rids, null, 0);
    }

    /** A layer of this group, sent on {@code layerSsrc}. */
    PublishedTrack newLayer(long layerSsrc, int index) {
        return new PublishedTrack(publisher, layerSsrc, codec, null, this, index);
    }

    boolean isGroup() {
        return rids != null;
    }

    /** The stream a subscriber receives this track's packets in: its group, or itself. */
    PublishedTrack output() {
        return group == null ? this : group;
    }

    /** The layers, lowest first; an entry is null until the layer's SSRC is known. */
    PublishedTrack[] layers() {
        return layers;
    }

    /** Records a learned layer. Event loop only. */
    void setLayer(int index, PublishedTrack layer) {
        PublishedTrack[] next = layers.clone();
        next[index] = layer;
        layers = next;
    }

    /** Counts a received packet's payload for this stream's bitrate. */
    void meter(int payloadBytes, long nowNanos) {
        lastPacketNanos = nowNanos;
        if (rateWindowStart == Long.MIN_VALUE) {
            rateWindowStart = nowNanos;
        }
        rateWindowBytes += payloadBytes;
        long elapsed = nowNanos - rateWindowStart;
        if (elapsed >= RATE_WINDOW_NANOS) {
            long measured = rateWindowBytes * 8 * 1_000_000_000L / elapsed;
            // a light smoothing: the encoder's rate jumps at keyframes
            rateBps = rateBps == 0 ? measured : (rateBps + measured) / 2;
            rateWindowStart = nowNanos;
            rateWindowBytes = 0;
        }
    }

    /** Bitrate of the payload received over the last second or so, 0 before it was measured. */
    long rateBps() {
        return rateBps;
    }

    /** Whether packets arrived recently and the bitrate is known. */
    boolean active(long nowNanos) {
        return rateBps > 0 && lastPacketNanos != Long.MIN_VALUE && nowNanos - lastPacketNanos < ACTIVE_NANOS;
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
