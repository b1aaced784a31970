package org.remotesupport.media.forward;

import io.micrometer.core.instrument.Meter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.remotesupport.media.cc.ArrivalRecorder;
import org.remotesupport.media.cc.DownlinkEstimator;
import org.remotesupport.media.cc.RateEstimator;
import org.remotesupport.media.dtls.DtlsSession;
import org.remotesupport.media.ice.IceCredentials;
import org.remotesupport.media.sdp.OfferLine;
import org.remotesupport.media.srtp.SrtpTransformer;

/**
 * One participant's transport on the relay: its ICE credentials and proven address, its DTLS
 * session and SRTP keys, the tracks it publishes and the SSRCs it has agreed to receive, and the
 * state of its offer/answer exchange. Negotiation fields are guarded by the relay's control lock;
 * fields the event loop reads are volatile and replaced, never mutated in place.
 */
final class Endpoint {

    // DTLS records that arrive between a successful ICE check and the SDP answer (the WebSocket may be slower than UDP).
    private static final int EARLY_DTLS_LIMIT = 16;

    final String id;
    final RelaySession session;
    /** The credentials of the latest offer; replaced by an ICE restart. */
    volatile IceCredentials ice;
    final long sdpSessionId;
    /** SSRC the relay uses as sender of the RTCP it originates towards this endpoint. */
    final long rtcpSsrc;

    // negotiation, under the control lock
    int revision;
    boolean awaitingAnswer;
    boolean reofferPending;
    int nextMid = 2;
    List<OfferLine> lines = List.of();
    byte[] remoteFingerprint;

    // read by the event loop
    /** The client's ufrag for {@link #ice}; null after an ICE restart until the client's answer names its new one. */
    volatile String remoteUfrag;
    /**
     * The credentials an ICE restart replaced, with the client's ufrag for them: checks already in
     * flight on the old path still get answers (and keep its consent) until {@link #previousIceUntilNanos},
     * but never move the endpoint. Null when there was no restart or the grace ended.
     */
    volatile IceCredentials previousIce;
    volatile String previousRemoteUfrag;
    /** When the replaced credentials stop being answered; {@code Long.MAX_VALUE} until the restart's answer arrives. */
    volatile long previousIceUntilNanos;
    /** ICE restarts this endpoint went through. */
    volatile int iceRestarts;
    volatile InetSocketAddress address;
    volatile long lastCheckNanos;
    volatile DtlsSession dtls;
    volatile SrtpTransformer srtp;
    volatile boolean dtlsFailed;
    private volatile PublishedTrack[] published = new PublishedTrack[0];
    private volatile long[] receiving = new long[0];
    /** Id of the transport-wide sequence number extension in this endpoint's packets, both ways; 0 when refused. */
    volatile int transportCcExtension;
    /** Whether the endpoint asked for transport-cc feedback (it estimates its uplink from it). */
    volatile boolean wantsTransportCc;
    /** Whether the endpoint accepted REMB. */
    volatile boolean acceptsRemb;
    /** Id of the rtp-stream-id extension that names its simulcast layers; 0 without simulcast. */
    volatile int streamIdExtension;

    // retransmissions to this endpoint in the current budget window, event loop only
    private long resendWindowStart = Long.MIN_VALUE;
    private long resendBytes;
    private static final long RESEND_WINDOW_NANOS = 250_000_000L;

    /**
     * Whether a retransmission of {@code bytes} fits the budget: at most {@code budgetBps} over
     * each quarter second (no limit when the budget is 0). Event loop only.
     */
    boolean admitResend(int bytes, long budgetBps, long nowNanos) {
        if (budgetBps <= 0) {
            return true;
        }
        if (resendWindowStart == Long.MIN_VALUE || nowNanos - resendWindowStart >= RESEND_WINDOW_NANOS) {
            resendWindowStart = nowNanos;
            resendBytes = 0;
        }
        if ((resendBytes + bytes) * 8 * (1_000_000_000L / RESEND_WINDOW_NANOS) > budgetBps) {
            return false;
        }
        resendBytes += bytes;
        return true;
    }

    // one per video track this endpoint receives, event loop only; an endpoint receives a handful
    private LayerForwarder[] forwarders = new LayerForwarder[0];

    // congestion control, event loop only (the estimates are volatile for stats readers)
    final ArrivalRecorder arrivals = new ArrivalRecorder();
    final DownlinkEstimator downlink = new DownlinkEstimator();
    /** Receive-side estimate of the uplink, for a publisher that takes REMB but not transport-cc feedback. */
    final RateEstimator uplink = new RateEstimator();
    /** The estimate the endpoint's own REMB stated about its downlink (a client without transport-cc). */
    volatile long remoteRembBps;
    volatile long rembSentBps;
    long lastRembNanos = Long.MIN_VALUE;
    long rembLiftedNanos;
    /** When the last uplink report went out, event loop only; 0 before the first. */
    long lastUplinkReportNanos;
    /** Its bandwidth gauges, removed with it; under the control lock. */
    List<Meter> meters = List.of();

    // SRTP that arrives after the client finished DTLS but before our DTLS thread installed the keys:
    // browsers send their first keyframe at once, and losing it costs a PLI round trip.
    private static final int PENDING_MEDIA_LIMIT = 128;

    // event loop only
    private List<byte[]> earlyDtls = new ArrayList<>();
    private List<byte[]> pendingMedia = new ArrayList<>();
    boolean connectedReported;

    Endpoint(String id, RelaySession session, IceCredentials ice, long sdpSessionId, long rtcpSsrc) {
        this.id = id;
        this.session = session;
        this.ice = ice;
        this.sdpSessionId = sdpSessionId;
        this.rtcpSsrc = rtcpSsrc;
    }

    /** The credentials with this local ufrag that still get answers at {@code now}, or null. */
    IceCredentials credentials(String localUfrag, long now) {
        IceCredentials current = ice;
        if (current.ufrag().equals(localUfrag)) {
            return current;
        }
        IceCredentials previous = previousIce;
        return previous != null && previous.ufrag().equals(localUfrag) && !previousIceExpired(now) ? previous : null;
    }

    boolean previousIceExpired(long now) {
        long until = previousIceUntilNanos;
        return until != Long.MAX_VALUE && now - until >= 0;
    }

    /** The client's ufrag that checks for this local ufrag must carry; null when any is accepted. */
    String expectedRemoteUfrag(String localUfrag) {
        IceCredentials previous = previousIce;
        return previous != null && previous.ufrag().equals(localUfrag) ? previousRemoteUfrag : remoteUfrag;
    }

    PublishedTrack[] published() {
        return published;
    }

    void setPublished(PublishedTrack[] tracks) {
        synchronized (this) {
            published = tracks;
        }
    }

    /**
     * Adds a simulcast layer learned from its packets, replacing a layer of the same group and
     * index (the sender restarted it on a new SSRC). Event loop; serialised with answers.
     */
    void addLayer(PublishedTrack layer) {
        synchronized (this) {
            PublishedTrack group = layer.group;
            if (!java.util.Arrays.asList(published).contains(group)) {
                return; // a newer answer ended the group
            }
            PublishedTrack[] next = java.util.Arrays.stream(published)
                    .filter(t -> t.group != group || t.layerIndex != layer.layerIndex)
                    .toArray(PublishedTrack[]::new);
            next = java.util.Arrays.copyOf(next, next.length + 1);
            next[next.length - 1] = layer;
            group.setLayer(layer.layerIndex, layer);
            published = next;
        }
    }

    /** The forwarder of a video track this endpoint receives, created on first use. Event loop only. */
    LayerForwarder forwarder(PublishedTrack output) {
        for (LayerForwarder forwarder : forwarders) {
            if (forwarder.outputSsrc == output.ssrc) {
                return forwarder;
            }
        }
        LayerForwarder created = new LayerForwarder(output.ssrc, output.codec == org.remotesupport.media.sdp.Codec.VP8,
                output.codec == org.remotesupport.media.sdp.Codec.H264);
        forwarders = java.util.Arrays.copyOf(forwarders, forwarders.length + 1);
        forwarders[forwarders.length - 1] = created;
        return created;
    }

    /** The forwarders created so far. Event loop only. */
    LayerForwarder[] forwarders() {
        return forwarders;
    }

    /** The forwarder of a track if one was created, else null. Event loop only. */
    LayerForwarder existingForwarder(long outputSsrc) {
        for (LayerForwarder forwarder : forwarders) {
            if (forwarder.outputSsrc == outputSsrc) {
                return forwarder;
            }
        }
        return null;
    }

    /** The track this endpoint publishes with the SSRC, or null. Linear: an endpoint publishes a handful. */
    PublishedTrack publishedTrack(long ssrc) {
        for (PublishedTrack track : published) {
            if (track.ssrc == ssrc) {
                return track;
            }
        }
        return null;
    }

    long[] publishedSsrcs() {
        return java.util.Arrays.stream(published).mapToLong(track -> track.ssrc).toArray();
    }

    /** SSRCs the relay sends to this endpoint: forwarded tracks and its own RTCP sender SSRC. */
    long[] receivingSsrcsAndRtcp() {
        long[] ssrcs = java.util.Arrays.copyOf(receiving, receiving.length + 1);
        ssrcs[receiving.length] = rtcpSsrc;
        return ssrcs;
    }

    /** SSRCs of the forwarded tracks this endpoint receives; do not modify. */
    long[] receivingSsrcs() {
        return receiving;
    }

    void setReceiving(long[] ssrcs) {
        receiving = ssrcs;
    }

    /** Whether this endpoint's last answer accepted a downlink line carrying the SSRC. */
    boolean receives(long ssrc) {
        for (long s : receiving) {
            if (s == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** Keeps a DTLS record that came before the answer; false when the buffer is full. Event loop only. */
    boolean stashEarlyDtls(byte[] record) {
        if (earlyDtls == null || earlyDtls.size() >= EARLY_DTLS_LIMIT) {
            return false;
        }
        earlyDtls.add(record);
        return true;
    }

    /**
     * Keeps an SRTP/SRTCP datagram while the DTLS handshake is under way; false when there is no
     * handshake in progress or the buffer is full. Event loop only.
     */
    boolean holdUntilKeys(byte[] datagram, int length) {
        DtlsSession session = dtls;
        if (session == null || !session.handshakeStarted() || dtlsFailed || pendingMedia == null || pendingMedia.size() >= PENDING_MEDIA_LIMIT) {
            return false;
        }
        pendingMedia.add(java.util.Arrays.copyOf(datagram, length));
        return true;
    }

    /** The datagrams held while DTLS finished; the hold ends. Event loop only. */
    List<byte[]> takeHeldMedia() {
        List<byte[]> held = pendingMedia == null ? List.of() : pendingMedia;
        pendingMedia = null;
        return held;
    }

    /** Hands the stashed records to the DTLS session, once. Event loop only. */
    void flushEarlyDtls(DtlsSession session) {
        if (earlyDtls != null) {
            for (byte[] record : earlyDtls) {
                session.offer(record);
            }
            earlyDtls = null;
        }
    }
}
