package org.remotesupport.protocol.relay;

/**
 * What the relay received of one publisher's video over the last reporting interval (about a
 * second): the basis of the signaling server's judgement whether the publisher's uplink can carry
 * video. Immutable.
 *
 * @param videoBps       video bitrate received, RTP payload and headers (bit/s)
 * @param lossFraction   share of the video packets the publisher sent in the interval that never
 *                       arrived (0 to 1), from the gaps in the sequence numbers
 * @param videoPackets   video packets received in the interval
 * @param intervalMillis length of the interval
 */
public record UplinkReport(long videoBps, double lossFraction, long videoPackets, long intervalMillis) {
}
