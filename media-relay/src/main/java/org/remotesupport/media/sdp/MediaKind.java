package org.remotesupport.media.sdp;

/** The kind of an m-line, as SDP and the signaling protocol name it. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video");

    private final String sdpName;

    MediaKind(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }

    /** The kind an m-line names, or null for anything else (application, text). */
    public static MediaKind fromSdp(String name) {
        for (MediaKind kind : values()) {
            if (kind.sdpName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
