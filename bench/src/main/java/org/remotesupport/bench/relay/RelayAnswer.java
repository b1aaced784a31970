package org.remotesupport.bench.relay;

import org.remotesupport.media.sdp.OfferWriter;

import com.fasterxml.jackson.databind.JsonNode;
import org.remotesupport.bench.load.LoadEndpoint;
import org.remotesupport.bench.load.SdpSections;

/**
 * Writes a browser-like SDP answer to one of our relay's offers for a load endpoint: sends its
 * audio and video on the uplink m-lines the offer names, receives every forwarded track, and
 * carries the endpoint's ICE credentials and DTLS fingerprint with {@code a=setup:active}. Stateless.
 */
public final class RelayAnswer {

    private RelayAnswer() {
    }

    static String write(LoadEndpoint endpoint, SdpSections offer, JsonNode uplink) {
        return write(endpoint.ufrag(), endpoint.password(), endpoint.fingerprint(), endpoint.name(),
                endpoint.audioSsrc(), endpoint.videoSsrc(), offer, uplink.path("audio").asText(null),
                uplink.path("video").asText(null));
    }

    /**
     * The answer of a client with these ICE credentials and certificate fingerprint that sends the
     * given SSRCs (-1: none of that kind) on the uplink mids the offer named.
     */
    public static String write(String ufrag, String password, String fingerprint, String cname, long audioSsrc,
                               long videoSsrc, SdpSections offer, String audioMid, String videoMid) {
        StringBuilder sdp = new StringBuilder(1024);
        sdp.append("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE");
        for (SdpSections.Media media : offer.media()) {
            sdp.append(' ').append(media.mid());
        }
        sdp.append("\r\n");
        for (SdpSections.Media media : offer.media()) {
            String mid = media.mid();
            String kind = media.kind();
            boolean uplinkLine = mid.equals(kind.equals("video") ? videoMid : audioMid);
            long ssrc = kind.equals("video") ? videoSsrc : audioSsrc;
            String direction;
            if (uplinkLine) {
                direction = ssrc >= 0 ? "sendonly" : "inactive";
            } else {
                direction = media.direction().equals("sendonly") ? "recvonly" : "inactive";
            }
            sdp.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(media.formats().get(0)).append("\r\n");
            sdp.append("c=IN IP4 0.0.0.0\r\n");
            sdp.append("a=ice-ufrag:").append(ufrag).append("\r\n");
            sdp.append("a=ice-pwd:").append(password).append("\r\n");
            sdp.append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\n");
            sdp.append("a=setup:active\r\n");
            sdp.append("a=mid:").append(mid).append("\r\n");
            sdp.append("a=").append(direction).append("\r\n");
            sdp.append("a=rtcp-mux\r\n");
            // as browsers answer: transport-wide sequence numbers and transport-cc feedback
            sdp.append("a=rtcp-fb:").append(media.formats().get(0)).append(" transport-cc\r\n");
            sdp.append("a=extmap:").append(OfferWriter.TRANSPORT_CC_EXTENSION_ID).append(' ')
                    .append(OfferWriter.TRANSPORT_CC_URI).append("\r\n");
            if (direction.equals("sendonly")) {
                sdp.append("a=ssrc:").append(ssrc).append(" cname:").append(cname).append("\r\n");
            }
        }
        return sdp.toString();
    }
}
