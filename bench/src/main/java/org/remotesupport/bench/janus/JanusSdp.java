package org.remotesupport.bench.janus;

import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.SdpSections;

/**
 * The SDP a browser would send Janus's VideoRoom for a load endpoint: the publisher's offer (Opus
 * and VP8, send-only, its host candidate, {@code a=setup:active} so that Janus takes the DTLS server
 * role) and the subscriber's answer to Janus's offer (receive every stream). Stateless.
 */
final class JanusSdp {

    private JanusSdp() {
    }

    static String publisherOffer(LoadEndpoint endpoint) {
        StringBuilder sdp = new StringBuilder(2048);
        sdp.append("v=0\r\no=- ").append(Math.abs(endpoint.ufrag().hashCode())).append(" 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        boolean video = endpoint.videoSsrc() >= 0;
        sdp.append("a=group:BUNDLE 0").append(video ? " 1" : "").append("\r\n");
        sdp.append("a=msid-semantic: WMS ").append(endpoint.name()).append("\r\n");
        media(sdp, endpoint, "audio", "0", "111", "sendonly", endpoint.audioSsrc());
        sdp.append("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
        ssrc(sdp, endpoint, endpoint.audioSsrc(), "audio");
        if (video) {
            media(sdp, endpoint, "video", "1", "96", "sendonly", endpoint.videoSsrc());
            sdp.append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n");
            ssrc(sdp, endpoint, endpoint.videoSsrc(), "video");
        }
        return sdp.toString();
    }

    static String subscriberAnswer(LoadEndpoint endpoint, SdpSections offer) {
        StringBuilder sdp = new StringBuilder(2048);
        sdp.append("v=0\r\no=- ").append(Math.abs(endpoint.ufrag().hashCode())).append(" 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE");
        for (SdpSections.Media media : offer.media()) {
            sdp.append(' ').append(media.mid());
        }
        sdp.append("\r\n");
        for (SdpSections.Media media : offer.media()) {
            String kind = media.kind();
            if (!kind.equals("audio") && !kind.equals("video")) {
                sdp.append("m=").append(kind).append(" 0 ").append(media.mLine().split(" ")[2]).append(' ')
                        .append(media.formats().get(0)).append("\r\nc=IN IP4 0.0.0.0\r\na=mid:").append(media.mid()).append("\r\n");
                continue;
            }
            String pt = media.formats().get(0);
            String direction = media.direction().equals("sendonly") || media.direction().equals("sendrecv") ? "recvonly" : "inactive";
            media(sdp, endpoint, kind, media.mid(), pt, direction, -1);
            media.attribute("rtpmap").filter(r -> r.startsWith(pt + " "))
                    .ifPresent(r -> sdp.append("a=rtpmap:").append(r).append("\r\n"));
            for (String line : media.lines()) {
                if (line.startsWith("a=rtpmap:" + pt + " ") || line.startsWith("a=rtcp-fb:" + pt + " ")
                        || line.startsWith("a=fmtp:" + pt + " ")) {
                    if (!line.startsWith("a=rtpmap:")) {
                        sdp.append(line).append("\r\n");
                    }
                }
            }
        }
        return sdp.toString();
    }

    private static void media(StringBuilder sdp, LoadEndpoint endpoint, String kind, String mid, String pt,
                              String direction, long ssrc) {
        int port = endpoint.localAddress().getPort();
        String host = endpoint.localAddress().getAddress().getHostAddress();
        sdp.append("m=").append(kind).append(' ').append(port).append(" UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
        sdp.append("c=IN IP4 ").append(host).append("\r\n");
        sdp.append("a=rtcp:").append(port).append(" IN IP4 ").append(host).append("\r\n");
        sdp.append("a=candidate:1 1 udp 2130706431 ").append(host).append(' ').append(port).append(" typ host generation 0\r\n");
        sdp.append("a=end-of-candidates\r\n");
        sdp.append("a=ice-ufrag:").append(endpoint.ufrag()).append("\r\n");
        sdp.append("a=ice-pwd:").append(endpoint.password()).append("\r\n");
        sdp.append("a=fingerprint:sha-256 ").append(endpoint.fingerprint()).append("\r\n");
        sdp.append("a=setup:active\r\n");
        sdp.append("a=mid:").append(mid).append("\r\n");
        sdp.append("a=").append(direction).append("\r\n");
        sdp.append("a=rtcp-mux\r\n");
    }

    private static void ssrc(StringBuilder sdp, LoadEndpoint endpoint, long ssrc, String kind) {
        sdp.append("a=msid:").append(endpoint.name()).append(' ').append(endpoint.name()).append('-').append(kind).append("\r\n");
        sdp.append("a=ssrc:").append(ssrc).append(" cname:").append(endpoint.name()).append("\r\n");
        sdp.append("a=ssrc:").append(ssrc).append(" msid:").append(endpoint.name()).append(' ')
                .append(endpoint.name()).append('-').append(kind).append("\r\n");
    }
}
