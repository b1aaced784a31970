package org.remotesupport.bench.load;

/**
 * One RTP stream an endpoint of the load generator sends: SSRC, payload type, whether it is video,
 * and the sequence state. Confined to the endpoint's event loop once media starts.
 */
final class OutStream {

    final long ssrc;
    final int payloadType;
    final boolean video;
    int sequence;
    long rtpTimestamp;
    long packets;
    long octets;
    int frames;
    /** When the next frame is due, on the nano clock; set when media starts. */
    long dueNanos;

    OutStream(long ssrc, int payloadType, boolean video, int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.video = video;
        this.sequence = firstSequence;
        this.rtpTimestamp = firstTimestamp;
    }
}
