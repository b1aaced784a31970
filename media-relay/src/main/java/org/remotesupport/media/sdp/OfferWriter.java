package org.remotesupport.media.sdp;

import java.util.List;

/**
 * Writes the relay's SDP offers (RFC 8829/8843): ICE-lite, one BUNDLE group over a single
 * transport, rtcp-mux, DTLS {@code setup:actpass} with the relay's certificate fingerprint, and the
 * relay's candidates repeated in every m-line. Written by hand because the offer is a fixed shape
 * that the relay controls entirely; no Java SDP library in Maven Central is maintained for WebRTC.
 * Stateless and thread-safe.
 */
public final class OfferWriter {

    /**
     * The header extension that carries transport-wide sequence numbers, and the id the relay
     * gives it in every offer (one id across the BUNDLE group, as RFC 8843 requires).
     */
    public static final String TRANSPORT_CC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final int TRANSPORT_CC_EXTENSION_ID = 3;
    /** Header extensions of simulcast (RFC 8852, RFC 8843), offered on an uplink line that receives layers. */
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String STREAM_ID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_STREAM_ID_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final int MID_EXTENSION_ID = 4;
    public static final int STREAM_ID_EXTENSION_ID = 5;
    public static final int REPAIRED_STREAM_ID_EXTENSION_ID = 6;

    /** A host candidate the relay advertises: address and UDP port. */
    public record Candidate(String address, int port) {
    }

    private OfferWriter() {
    }

    /**
     * @param sessionId    stable per endpoint (the o= line's session id)
     * @param version      increases with every offer to the endpoint
     */
    public static String write(long sessionId, int version, String iceUfrag, String icePassword, String fingerprint,
                               List<Candidate> candidates, List<OfferLine> lines) {
        StringBuilder sdp = new StringBuilder(2048);
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=ice-lite");
        StringBuilder group = new StringBuilder("a=group:BUNDLE");
        for (OfferLine media : lines) {
            group.append(' ').append(media.mid());
        }
        line(sdp, group.toString());
        line(sdp, "a=msid-semantic: WMS *");
        for (OfferLine media : lines) {
            writeMedia(sdp, media, iceUfrag, icePassword, fingerprint, candidates);
        }
        return sdp.toString();
    }

    private static void writeMedia(StringBuilder sdp, OfferLine media, String ufrag, String password,
                                   String fingerprint, List<Candidate> candidates) {
        StringBuilder m = new StringBuilder("m=").append(media.kind().sdpName()).append(" 9 UDP/TLS/RTP/SAVPF");
        for (Codec codec : media.codecs()) {
            m.append(' ').append(codec.payloadType());
        }
        line(sdp, m.toString());
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        int foundation = 1;
        for (Candidate candidate : candidates) {
            // host candidates only: type preference 126, local preference falling with list order
            long priority = (126L << 24) | ((long) (65535 - foundation) << 8) | 255;
            line(sdp, "a=candidate:" + foundation + " 1 udp " + priority + " " + candidate.address() + " "
                    + candidate.port() + " typ host generation 0");
            foundation++;
        }
        line(sdp, "a=end-of-candidates");
        line(sdp, "a=ice-ufrag:" + ufrag);
        line(sdp, "a=ice-pwd:" + password);
        line(sdp, "a=fingerprint:sha-256 " + fingerprint);
        line(sdp, "a=setup:actpass");
        line(sdp, "a=mid:" + media.mid());
        line(sdp, "a=" + media.direction().attribute());
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtcp-rsize");
        line(sdp, "a=extmap:" + TRANSPORT_CC_EXTENSION_ID + " " + TRANSPORT_CC_URI);
        boolean simulcast = !media.simulcastRids().isEmpty() && media.direction() == Direction.RECVONLY;
        if (simulcast) {
            line(sdp, "a=extmap:" + MID_EXTENSION_ID + " " + MID_URI);
            line(sdp, "a=extmap:" + STREAM_ID_EXTENSION_ID + " " + STREAM_ID_URI);
            line(sdp, "a=extmap:" + REPAIRED_STREAM_ID_EXTENSION_ID + " " + REPAIRED_STREAM_ID_URI);
        }
        for (Codec codec : media.codecs()) {
            line(sdp, "a=rtpmap:" + codec.payloadType() + " " + codec.rtpmap());
            for (String feedback : codec.feedback()) {
                line(sdp, "a=rtcp-fb:" + codec.payloadType() + " " + feedback);
            }
            if (codec.fmtp() != null) {
                line(sdp, "a=fmtp:" + codec.payloadType() + " " + codec.fmtp());
            }
        }
        if (simulcast) {
            for (String rid : media.simulcastRids()) {
                line(sdp, "a=rid:" + rid + " recv");
            }
            line(sdp, "a=simulcast:recv " + String.join(";", media.simulcastRids()));
        }
        OfferLine.ForwardedTrack track = media.track();
        if (track != null && media.direction().sends()) {
            line(sdp, "a=msid:" + track.streamId() + " " + track.trackId());
            line(sdp, "a=ssrc:" + track.ssrc() + " cname:" + track.cname());
            line(sdp, "a=ssrc:" + track.ssrc() + " msid:" + track.streamId() + " " + track.trackId());
        }
    }

    private static void line(StringBuilder sdp, String text) {
        sdp.append(text).append("\r\n");
    }
}
