package org.remotesupport.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpAnswerTest {

    /** Shaped like Chromium's answer to a relay offer: audio and video sent, one downlink received. */
    static final String CHROME_ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1 2",
            "a=msid-semantic: WMS stream",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Kx9a",
            "a=ice-pwd:bY2h6Uq3hX2k5hFjM3Jc4wqp",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 9F:1C:0B:E4:5A:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07",
            "a=setup:active",
            "a=mid:0",
            "a=sendonly",
            "a=msid:stream audio-track",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=ssrc:1111 cname:abc",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 102",
            "c=IN IP4 0.0.0.0",
            "a=mid:1",
            "a=sendonly",
            "a=rtpmap:96 VP8/90000",
            "a=ssrc-group:FID 2222 3333",
            "a=ssrc:2222 cname:abc",
            "a=ssrc:3333 cname:abc",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 0.0.0.0",
            "a=mid:2",
            "a=recvonly",
            "a=rtpmap:96 VP8/90000",
            "");

    @Test
    void readsTransportAndTracks() throws Exception {
        SdpAnswer answer = SdpAnswer.parse(CHROME_ANSWER);
        assertThat(answer.iceUfrag()).isEqualTo("Kx9a");
        assertThat(answer.setup()).isEqualTo("active");
        assertThat(answer.sha256Fingerprint()).hasSize(32).startsWith((byte) 0x9F, (byte) 0x1C);
        assertThat(answer.lines()).extracting(SdpAnswer.Line::mid).containsExactly("0", "1", "2");
        SdpAnswer.Line video = answer.lines().get(1);
        assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.payloadTypes()).containsExactly(96, 102);
        assertThat(video.ssrcs()).as("the FID repair SSRC is not a track").containsExactly(2222L);
        assertThat(answer.lines().get(2).direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void refusesMalformedAndOversizedAnswers() {
        assertThatThrownBy(() -> SdpAnswer.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SdpAnswer.parse("hello")).hasMessageContaining("not an SDP line");
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=fingerprint", "a=x-fingerprint")))
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=ice-pwd:bY2h6Uq3hX2k5hFjM3Jc4wqp", "a=ice-pwd:short")))
                .hasMessageContaining("ice-pwd");
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=ssrc:2222 cname:abc", "a=ssrc:99999999999 cname:abc")))
                .hasMessageContaining("SSRC");
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER + "a=x:" + "y".repeat(SdpAnswer.MAX_LENGTH)))
                .hasMessageContaining("longer");
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=mid:2\r\n", "")))
                .hasMessageContaining("without a=mid");
    }

    @Test
    void offerCarriesWhatBrowsersNeed() {
        String offer = OfferWriter.write(42, 3, "ufrg", "p".repeat(24), "AA:BB", List.of(new OfferWriter.Candidate("127.0.0.1", 10000)),
                List.of(new OfferLine("0", MediaKind.AUDIO, Direction.RECVONLY, Codec.of(MediaKind.AUDIO), null),
                        new OfferLine("1", MediaKind.VIDEO, Direction.RECVONLY, Codec.of(MediaKind.VIDEO), null),
                        new OfferLine("2", MediaKind.VIDEO, Direction.SENDONLY, List.of(Codec.VP8),
                                new OfferLine.ForwardedTrack(77, "cust", "cust-video", "cust"))));
        assertThat(offer).startsWith("v=0\r\n").contains(
                "a=ice-lite", "a=group:BUNDLE 0 1 2", "o=- 42 3 IN IP4", "a=setup:actpass", "a=rtcp-mux",
                "a=fingerprint:sha-256 AA:BB", "a=rtpmap:111 opus/48000/2", "a=rtpmap:96 VP8/90000",
                "a=rtpmap:102 H264/90000", "packetization-mode=1", "a=rtcp-fb:96 nack pli",
                "udp 2130706175 127.0.0.1 10000 typ host", "a=ssrc:77 msid:cust cust-video", "a=msid:cust cust-video");
        assertThat(offer.split("\r\n")).allMatch(line -> line.length() > 2 && line.charAt(1) == '=');
    }

    @Test
    void offerAsksForTransportWideCongestionFeedbackAndRemb() {
        String offer = OfferWriter.write(42, 1, "ufrg", "p".repeat(24), "AA:BB", List.of(),
                List.of(new OfferLine("0", MediaKind.AUDIO, Direction.RECVONLY, Codec.of(MediaKind.AUDIO), null),
                        new OfferLine("1", MediaKind.VIDEO, Direction.RECVONLY, Codec.of(MediaKind.VIDEO), null)));
        String extmap = "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
        assertThat(offer.split(extmap, -1)).as("the extension in every m-line, one id across the bundle").hasSize(3);
        assertThat(offer).contains("a=rtcp-fb:111 transport-cc", "a=rtcp-fb:96 transport-cc", "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:102 transport-cc", "x-google-start-bitrate=800");
    }

    @Test
    void readsWhichCongestionFeedbackTheClientAccepted() throws Exception {
        SdpAnswer without = SdpAnswer.parse(CHROME_ANSWER);
        assertThat(without.transportCcExtension()).isZero();
        assertThat(without.transportCcFeedback()).isFalse();
        assertThat(without.rembFeedback()).isFalse();

        SdpAnswer with = SdpAnswer.parse(CHROME_ANSWER.replace("a=rtpmap:96 VP8/90000\r\na=ssrc-group",
                "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 transport-cc\r\n"
                        + "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n"
                        + "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=ssrc-group"));
        assertThat(with.transportCcExtension()).isEqualTo(3);
        assertThat(with.transportCcFeedback()).isTrue();
        assertThat(with.rembFeedback()).isTrue();

        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=mid:1",
                "a=mid:1\r\na=extmap:x http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")))
                .hasMessageContaining("extmap");
    }

    @Test
    void offerAsksForSimulcastOnTheUplinkVideoLineOnly() {
        String offer = OfferWriter.write(42, 1, "ufrg", "p".repeat(24), "AA:BB", List.of(),
                List.of(new OfferLine("0", MediaKind.AUDIO, Direction.RECVONLY, Codec.of(MediaKind.AUDIO), null),
                        new OfferLine("1", MediaKind.VIDEO, Direction.RECVONLY, Codec.of(MediaKind.VIDEO), null,
                                List.of("q", "h", "f")),
                        new OfferLine("2", MediaKind.VIDEO, Direction.SENDONLY, List.of(Codec.VP8),
                                new OfferLine.ForwardedTrack(77, "cust", "cust-video", "cust"), List.of("q"))));
        String videoUplink = offer.substring(offer.indexOf("a=mid:1"), offer.indexOf("m=video", offer.indexOf("a=mid:1")));
        assertThat(videoUplink).contains("a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv", "a=simulcast:recv q;h;f",
                "a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                "a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThat(offer.split("a=simulcast", -1)).as("a downlink line never offers simulcast").hasSize(2);
    }

    /** What Chrome answers to the relay's simulcast offer: rids and the stream id extension, no a=ssrc. */
    private static final String SIMULCAST_ANSWER = """
            v=0\r
            o=- 1 2 IN IP4 127.0.0.1\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE 0 1\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r
            a=ice-ufrag:abcd\r
            a=ice-pwd:abcdefghijklmnopqrstuvwx\r
            a=fingerprint:sha-256 %s\r
            a=setup:active\r
            a=mid:0\r
            a=sendonly\r
            a=ssrc:1111 cname:x\r
            m=video 9 UDP/TLS/RTP/SAVPF 96\r
            a=mid:1\r
            a=sendonly\r
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r
            a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r
            a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r
            a=rtpmap:96 VP8/90000\r
            a=rid:q send\r
            a=rid:h send\r
            a=rid:f send\r
            a=simulcast:send q;~h;f,x\r
            """.formatted(String.join(":", java.util.Collections.nCopies(32, "AB")));

    @Test
    void readsTheSimulcastLayersTheClientSends() throws Exception {
        SdpAnswer answer = SdpAnswer.parse(SIMULCAST_ANSWER);
        assertThat(answer.streamIdExtension()).isEqualTo(5);
        assertThat(answer.lines().get(1).sendRids()).containsExactly("q", "h", "f");
        assertThat(answer.lines().get(1).ssrcs()).isEmpty();
        assertThat(answer.lines().get(0).sendRids()).isEmpty();

        assertThatThrownBy(() -> SdpAnswer.parse(SIMULCAST_ANSWER.replace("send q;~h;f,x", "send a;b;c;d")))
                .hasMessageContaining("more than 3 simulcast layers");
        assertThatThrownBy(() -> SdpAnswer.parse(SIMULCAST_ANSWER.replace("send q;~h;f,x", "send q;h!")))
                .isInstanceOf(SdpAnswer.SdpException.class);
        assertThatThrownBy(() -> SdpAnswer.parse(SIMULCAST_ANSWER.replace("send q;~h;f,x", "send q;" + "x".repeat(40))))
                .hasMessageContaining("malformed rid");
    }
}
