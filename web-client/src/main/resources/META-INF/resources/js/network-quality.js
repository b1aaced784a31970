// @ts-check
/**
 * How good the network is, from `RTCPeerConnection.getStats()` without DOM: the round trip time
 * to the relay, the share of packets lost since the last sample (what the relay reports it lost
 * of ours, and what we lost of its), and the bitrate the browser thinks it can send, graded into
 * good, fair or poor for the person in the call.
 * @module network-quality
 */

/**
 * Counters of one stats report.
 * @typedef {object} NetworkSample
 * @property {number | null} rttMs round trip time of the selected candidate pair (or RTCP's)
 * @property {number | null} outgoingBps the browser's estimate of the bitrate it can send
 * @property {number} sent packets we sent
 * @property {number} lostBySender packets of ours the other side reported lost
 * @property {number} received packets we received
 * @property {number} lostByUs packets we did not receive
 */

/**
 * @typedef {'good' | 'fair' | 'poor' | 'unknown'} NetworkLevel
 */

/**
 * @typedef {object} NetworkAssessment
 * @property {NetworkLevel} level
 * @property {number | null} rttMs
 * @property {number | null} lossPercent over the interval since the previous sample
 * @property {number | null} outgoingKbps
 */

/**
 * Limits of each grade: beyond any "poor" limit is poor, beyond any "fair" limit is fair. A video
 * call stays usable up to about 300 ms and a few percent loss; past 700 ms or 10 % loss, or with
 * under 100 kbit/s to send, the picture freezes. The bitrate limits sit below the 300 kbit/s that
 * Chrome's estimate starts from, so a call that has just begun is not called fair for that alone.
 */
export const THRESHOLDS = Object.freeze({
  fair: { rttMs: 300, lossPercent: 3, outgoingKbps: 250 },
  poor: { rttMs: 700, lossPercent: 10, outgoingKbps: 100 },
});

/**
 * Reads the counters that matter from a stats report.
 * @param {Iterable<any>} entries values of an RTCStatsReport
 * @returns {NetworkSample}
 */
export function networkSample(entries) {
  const list = [...entries];
  const transport = list.find((e) => e.type === 'transport' && e.selectedCandidatePairId);
  const pair = list.find((e) => e.type === 'candidate-pair'
    && (transport ? e.id === transport.selectedCandidatePairId : e.nominated && e.state === 'succeeded'));
  /** @type {number | null} */
  let rttMs = typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null;
  const sample = {
    rttMs,
    outgoingBps: typeof pair?.availableOutgoingBitrate === 'number' ? pair.availableOutgoingBitrate : null,
    sent: 0, lostBySender: 0, received: 0, lostByUs: 0,
  };
  for (const e of list) {
    if (e.type === 'outbound-rtp') {
      sample.sent += e.packetsSent ?? 0;
    } else if (e.type === 'remote-inbound-rtp') {
      sample.lostBySender += Math.max(0, e.packetsLost ?? 0);
      if (rttMs === null && typeof e.roundTripTime === 'number') {
        rttMs = e.roundTripTime * 1000;
      }
    } else if (e.type === 'inbound-rtp') {
      sample.received += e.packetsReceived ?? 0;
      sample.lostByUs += Math.max(0, e.packetsLost ?? 0);
    }
  }
  sample.rttMs = rttMs;
  return sample;
}

/**
 * Grades the network from the latest sample and the one before it (loss is counted between them).
 * @param {NetworkSample} now
 * @param {NetworkSample | null} before
 * @returns {NetworkAssessment}
 */
export function assessNetwork(now, before) {
  /** @type {number | null} */
  let lossPercent = null;
  if (before) {
    const expected = (now.sent - before.sent) + (now.received - before.received);
    const lost = Math.max(0, now.lostBySender - before.lostBySender) + Math.max(0, now.lostByUs - before.lostByUs);
    if (expected + lost > 0) {
      lossPercent = (100 * lost) / (expected + lost);
    }
  }
  const outgoingKbps = now.outgoingBps === null ? null : now.outgoingBps / 1000;
  const { rttMs } = now;
  if (rttMs === null && lossPercent === null && outgoingKbps === null) {
    return { level: 'unknown', rttMs, lossPercent, outgoingKbps };
  }
  /** @param {{rttMs: number, lossPercent: number, outgoingKbps: number}} limit */
  const beyond = (limit) => (rttMs !== null && rttMs >= limit.rttMs)
    || (lossPercent !== null && lossPercent >= limit.lossPercent)
    || (outgoingKbps !== null && outgoingKbps < limit.outgoingKbps);
  /** @type {NetworkLevel} */
  const level = beyond(THRESHOLDS.poor) ? 'poor' : beyond(THRESHOLDS.fair) ? 'fair' : 'good';
  return { level, rttMs, lossPercent, outgoingKbps };
}
