// @ts-check
import { MediaSession, SIMULCAST_LAYERS, summarizeInboundAudio, summarizeInboundVideo } from '/js/media-session.js';
import { parseMediaSections } from '/js/sdp.js';
import { assertEquals, assertTrue, test } from './harness.js';

/**
 * A stream with one video track (a canvas) and one audio track (an oscillator), so no camera is needed.
 * @returns {MediaStream}
 */
function syntheticStream(width = 160, height = 120) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
  const video = canvas.captureStream(5).getVideoTracks()[0];
  const audioContext = new AudioContext();
  const destination = audioContext.createMediaStreamDestination();
  audioContext.createOscillator().connect(destination);
  return new MediaStream([video, destination.stream.getAudioTracks()[0]]);
}

/**
 * An offer shaped like the relay's: the client sends audio on mid 0 and video on mid 1 and
 * receives video on mid 2. Written by a real peer connection so the browser accepts it.
 */
async function relayLikeOffer() {
  const relay = new RTCPeerConnection();
  relay.addTransceiver('audio', { direction: 'recvonly' });
  relay.addTransceiver('video', { direction: 'recvonly' });
  relay.addTransceiver('video', { direction: 'sendonly' });
  const offer = await relay.createOffer();
  relay.close();
  return offer.sdp ?? '';
}

test('media-session: publishes local tracks on the uplink mids and receives on the rest', async () => {
  /** @type {{revision: number, sdp: string}[]} */
  const answers = [];
  const session = new MediaSession({
    sendAnswer: async (revision, sdp) => {
      answers.push({ revision, sdp });
    },
  });
  session.setLocalStream(syntheticStream());
  await session.handleOffer({ revision: 1, sdp: await relayLikeOffer(), uplink: { audio: '0', video: '1' } });
  assertEquals(answers.length, 1, 'answers sent');
  assertEquals(answers[0].revision, 1, 'answered revision');
  const directions = parseMediaSections(answers[0].sdp).map((s) => [s.mid, s.direction]);
  assertEquals(directions, [['0', 'sendonly'], ['1', 'sendonly'], ['2', 'recvonly']]);
  assertEquals(session.pc?.getConfiguration().bundlePolicy, 'max-bundle', 'bundle policy');
  session.close();
});

test('media-session: the TURN servers and transport policy from welcome reach the peer connection', async () => {
  const session = new MediaSession({ sendAnswer: async () => {} });
  const turn = { urls: ['turn:127.0.0.1:3478?transport=tcp'], username: '1893499200:p1', credential: 'c3Q=' };
  session.setIceServers([turn], 'relay');
  session.setLocalStream(syntheticStream());
  await session.handleOffer({ revision: 1, sdp: await relayLikeOffer(), uplink: { audio: '0', video: '1' } });
  const configuration = session.pc?.getConfiguration();
  assertEquals(configuration?.iceTransportPolicy, 'relay', 'transport policy');
  assertEquals(configuration?.iceServers?.[0]?.urls, turn.urls, 'TURN urls');
  session.close();
});

test('media-session: without a microphone the audio uplink is answered inactive', async () => {
  /** @type {string[]} */
  const sdps = [];
  const session = new MediaSession({ sendAnswer: async (_r, sdp) => { sdps.push(sdp); } });
  session.setLocalStream(new MediaStream(syntheticStream().getVideoTracks()));
  await session.handleOffer({ revision: 1, sdp: await relayLikeOffer(), uplink: { audio: '0', video: '1' } });
  assertEquals(parseMediaSections(sdps[0]).map((s) => s.direction), ['inactive', 'sendonly', 'recvonly']);
  session.close();
});

test('media-session: offers that arrive during a negotiation are coalesced to the newest', async () => {
  const sdp = await relayLikeOffer();
  /** @type {number[]} */
  const answered = [];
  /** @type {() => void} */
  let release = () => {};
  const firstAnswerSent = new Promise((resolve) => { release = () => resolve(undefined); });
  const session = new MediaSession({
    sendAnswer: async (revision) => {
      answered.push(revision);
      if (revision === 1) {
        await firstAnswerSent;
      }
    },
  });
  const done = session.handleOffer({ revision: 1, sdp, uplink: {} });
  session.handleOffer({ revision: 2, sdp, uplink: {} });
  session.handleOffer({ revision: 3, sdp, uplink: {} });
  session.handleOffer({ revision: 2, sdp, uplink: {} });
  release();
  await done;
  assertEquals(answered, [1, 3]);
  await session.handleOffer({ revision: 3, sdp, uplink: {} });
  assertEquals(answered, [1, 3], 'a revision already applied is ignored');
  session.close();
});

test('media-session: a failed negotiation is reported', async () => {
  /** @type {Error[]} */
  const errors = [];
  const session = new MediaSession({ sendAnswer: async () => {}, onError: (e) => errors.push(e) });
  await session.handleOffer({ revision: 1, sdp: 'not sdp', uplink: {} });
  assertTrue(errors.length === 1, 'one error reported');
  session.close();
});

test('media-session: inbound video counters are summed over video streams only', () => {
  const stats = summarizeInboundVideo([
    { type: 'inbound-rtp', kind: 'video', framesDecoded: 10, framesReceived: 11, bytesReceived: 1000, packetsReceived: 9, frameWidth: 640, frameHeight: 480 },
    { type: 'inbound-rtp', kind: 'audio', bytesReceived: 500, packetsReceived: 50 },
    { type: 'outbound-rtp', kind: 'video', framesEncoded: 99 },
  ]);
  assertEquals(stats, { framesDecoded: 10, framesReceived: 11, bytesReceived: 1000, packetsReceived: 9, frameWidth: 640, frameHeight: 480 });
});

test('media-session: inbound audio counters are summed over audio streams only', () => {
  const stats = summarizeInboundAudio([
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: 50, bytesReceived: 500 },
    { type: 'inbound-rtp', kind: 'video', packetsReceived: 9, bytesReceived: 1000 },
  ]);
  assertEquals(stats, { packetsReceived: 50, bytesReceived: 500 });
});

/**
 * The relay's offer when it asks for simulcast: the uplink video line receives rids q, h and f.
 * @returns {Promise<string>}
 */
async function relayLikeSimulcastOffer() {
  const sdp = await relayLikeOffer();
  const sections = sdp.split(/\r\n(?=m=)/);
  const withLayers = sections.map((section) => (section.includes('\r\na=mid:1\r\n')
    ? `${section.trimEnd()}\r\na=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f`
    : section));
  return withLayers.join('\r\n');
}

test('media-session: a camera of 640 pixels or wider is sent as three simulcast layers', async () => {
  /** @type {string[]} */
  const answers = [];
  /** @type {string[]} */
  const errors = [];
  const session = new MediaSession({
    sendAnswer: async (_revision, sdp) => { answers.push(sdp); },
    onError: (e) => errors.push(e.message),
  });
  session.setLocalStream(syntheticStream(1280, 720));
  const offer = await relayLikeSimulcastOffer();
  await session.handleOffer({ revision: 1, sdp: offer, uplink: { audio: '0', video: '1' } });
  assertEquals(errors, [], `negotiation errors for ${offer}`);
  assertEquals(answers.length, 1, 'answers sent');
  const video = answers[0].split(/\r\n(?=m=)/).find((section) => section.includes('a=mid:1\r\n')) ?? '';
  assertTrue(/a=simulcast:send q;h;f/.test(video), `answer sends the three layers: ${video}`);
  const sender = session.pc?.getTransceivers().find((t) => t.mid === '1')?.sender;
  const encodings = sender?.getParameters().encodings ?? [];
  assertEquals(encodings.map((e) => [e.rid, e.active, e.scaleResolutionDownBy, e.maxBitrate]), [
    ['q', true, 4, SIMULCAST_LAYERS.q.maxBitrate],
    ['h', true, 2, SIMULCAST_LAYERS.h.maxBitrate],
    ['f', true, 1, SIMULCAST_LAYERS.f.maxBitrate]]);
  session.close();
});

test('media-session: a narrower camera is sent as one stream even when simulcast is offered', async () => {
  const session = new MediaSession({ sendAnswer: async () => {} });
  session.setLocalStream(syntheticStream(320, 240));
  await session.handleOffer({ revision: 1, sdp: await relayLikeSimulcastOffer(), uplink: { audio: '0', video: '1' } });
  const sender = session.pc?.getTransceivers().find((t) => t.mid === '1')?.sender;
  const encodings = sender?.getParameters().encodings ?? [];
  assertEquals(encodings.map((e) => [e.rid, e.active]), [['q', false], ['h', false], ['f', true]]);
  session.close();
});
