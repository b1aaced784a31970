package org.remotesupport.media.sdp;

import java.util.List;

/**
 * The codecs the relay offers, with fixed payload types. The relay is always the offerer, so
 * every endpoint uses these numbers and packets are forwarded without rewriting payload types.
 */
public enum Codec {
    OPUS(MediaKind.AUDIO, 111, "opus/48000/2", "minptime=10;useinbandfec=1", List.of("transport-cc")),
    VP8(MediaKind.VIDEO, 96, "VP8/90000", "x-google-start-bitrate=800", List.of("goog-remb", "transport-cc", "nack", "nack pli", "ccm fir")),
    /** Constrained baseline, packetization mode 1: what iOS Safari encodes in hardware. */
    H264(MediaKind.VIDEO, 102, "H264/90000",
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f;x-google-start-bitrate=800",
            List.of("goog-remb", "transport-cc", "nack", "nack pli", "ccm fir"));

    private final MediaKind kind;
    private final int payloadType;
    private final String rtpmap;
    private final String fmtp;
    private final List<String> feedback;

    Codec(MediaKind kind, int payloadType, String rtpmap, String fmtp, List<String> feedback) {
        this.kind = kind;
        this.payloadType = payloadType;
        this.rtpmap = rtpmap;
        this.fmtp = fmtp;
        this.feedback = feedback;
    }

    public MediaKind kind() {
        return kind;
    }

    public int payloadType() {
        return payloadType;
    }

    String rtpmap() {
        return rtpmap;
    }

    String fmtp() {
        return fmtp;
    }

    List<String> feedback() {
        return feedback;
    }

    /** Every codec of a kind, in the order of preference written into offers. */
    public static List<Codec> of(MediaKind kind) {
        return kind == MediaKind.AUDIO ? List.of(OPUS) : List.of(VP8, H264);
    }

    /** The codec with this payload type, or null. */
    public static Codec byPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return codec;
            }
        }
        return null;
    }
}
