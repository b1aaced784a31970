package org.remotesupport.media;

/** Why the relay dropped a datagram; each has its own counter ({@code relay.packets.dropped{reason=...}}). */
public enum DropReason {
    /** Not STUN, DTLS, RTP or RTCP, or too short or inconsistent to parse. */
    MALFORMED,
    /** Arrived from an address no endpoint has proven with a valid ICE check. */
    UNKNOWN_SOURCE,
    /** A STUN check whose username or MESSAGE-INTEGRITY did not match an endpoint. */
    ICE_AUTH_FAILED,
    /** SRTP or SRTCP authentication failed (wrong key or tampered packet). */
    SRTP_AUTH_FAILED,
    /** SRTP/SRTCP replay or too old to accept. */
    SRTP_REPLAY,
    /** SRTP from a known endpoint on an SSRC its SDP answer did not declare. */
    UNKNOWN_SSRC,
    /** RTP or RTCP from a known address before its DTLS handshake finished. */
    NO_DTLS_YET,
    /** DTLS records that failed the handshake or arrived after it failed. */
    DTLS_FAILED,
    /** A subscriber's send queue or the handshake queue was full. */
    OVERLOAD,
    /** An internal error while handling the datagram (logged). */
    INTERNAL
}
