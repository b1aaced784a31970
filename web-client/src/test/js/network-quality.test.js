// @ts-check
import { assessNetwork, networkSample } from '/js/network-quality.js';
import { assertEquals, assertTrue, test } from './harness.js';

/** A stats report as Chromium gives it, reduced to the fields the indicator reads. */
function report({ rtt = 0.05, bitrate = 2_000_000, sent = 1000, lostBySender = 0, received = 500, lost = 0 } = {}) {
  return [
    { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP1' },
    { type: 'candidate-pair', id: 'CP0', nominated: false, state: 'failed', currentRoundTripTime: 9 },
    { type: 'candidate-pair', id: 'CP1', nominated: true, state: 'succeeded', currentRoundTripTime: rtt, availableOutgoingBitrate: bitrate },
    { type: 'outbound-rtp', kind: 'video', packetsSent: sent },
    { type: 'remote-inbound-rtp', kind: 'video', packetsLost: lostBySender, roundTripTime: 0.5 },
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost },
  ];
}

test('network: a fast link without loss is good', () => {
  const before = networkSample(report());
  const now = networkSample(report({ sent: 2000, received: 1000 }));
  const result = assessNetwork(now, before);
  assertEquals(result.level, 'good');
  assertEquals(result.rttMs, 50);
  assertEquals(result.lossPercent, 0);
  assertEquals(result.outgoingKbps, 2000);
});

test('network: delay, loss or a thin uplink lower the grade', () => {
  const before = networkSample(report());
  assertEquals(assessNetwork(networkSample(report({ rtt: 0.4, sent: 2000, received: 1000 })), before).level, 'fair');
  assertEquals(assessNetwork(networkSample(report({ rtt: 0.9, sent: 2000, received: 1000 })), before).level, 'poor');
  // 60 of the 1,500 packets in the interval lost on the way to the relay: 4 %
  const lossy = assessNetwork(networkSample(report({ sent: 1940, lostBySender: 60, received: 1000 })), before);
  assertEquals(lossy.level, 'fair');
  assertTrue(Math.abs(/** @type {number} */ (lossy.lossPercent) - 4) < 0.01, `loss ${lossy.lossPercent}`);
  assertEquals(assessNetwork(networkSample(report({ sent: 2000, received: 800, lost: 200 })), before).level, 'poor');
  assertEquals(assessNetwork(networkSample(report({ bitrate: 80_000 })), null).level, 'poor');
  assertEquals(assessNetwork(networkSample(report({ bitrate: 200_000 })), null).level, 'fair');
  assertEquals(assessNetwork(networkSample(report({ bitrate: 300_000 })), null).level, 'good', 'where the estimate starts');
});

test('network: no numbers yet is unknown, not good', () => {
  assertEquals(assessNetwork(networkSample([]), null).level, 'unknown');
});
