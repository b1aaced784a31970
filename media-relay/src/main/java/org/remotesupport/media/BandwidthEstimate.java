package org.remotesupport.media;

/**
 * What the relay estimates about one endpoint's links, a snapshot readable from any thread.
 *
 * @param downlinkBps      estimated bandwidth from the relay to the endpoint, from its transport-cc
 *                         feedback (bit/s; 0 while unknown or when it did not negotiate transport-cc)
 * @param deliveredBps     throughput that feedback says arrived recently (bit/s)
 * @param downlinkLoss     loss rate on the downlink in the last window, 0 to 1
 * @param downlinkLimiting whether the downlink showed congestion and its estimate is still below twice
 *                         what it delivers: only then does it cap the publishers it receives from
 * @param remoteRembBps    the endpoint's own REMB about its downlink (clients without transport-cc; 0 if none)
 * @param uplinkBps        receive-side estimate of the endpoint's uplink, kept for a publisher that takes
 *                         REMB but not transport-cc feedback (bit/s; 0 otherwise)
 * @param rembSentBps      the last REMB cap the relay sent the endpoint as a publisher (bit/s; 0 if none)
 * @param packetsRecorded  RTP packets from the endpoint that carried a transport-wide sequence number
 * @param feedbackReceived transport-cc feedback messages taken from the endpoint
 */
public record BandwidthEstimate(long downlinkBps, long deliveredBps, double downlinkLoss, boolean downlinkLimiting,
                                long remoteRembBps,
                                long uplinkBps, long rembSentBps, long packetsRecorded, long feedbackReceived) {
}
