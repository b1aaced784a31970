// @ts-check
import { PhotoFallback, TRICKLE, restoredEncodings, trickleEncodings } from '/js/photo-fallback.js';
import { assertEquals, assertTrue, test } from './harness.js';

test('photo fallback: the tiny stream is about 160 pixels wide, 2 fps and 30 kbit/s', () => {
  assertEquals(trickleEncodings([{ active: true }], 1280),
    [{ active: true, maxBitrate: TRICKLE.bitrate, maxFramerate: 2, scaleResolutionDownBy: 8 }]);
  assertEquals(trickleEncodings([{ active: true }], 0)[0].scaleResolutionDownBy, 1, 'unknown width: no scaling');
  assertEquals(trickleEncodings([{ active: true }], 120)[0].scaleResolutionDownBy, 1, 'never scaled up');
});

test('photo fallback: of simulcast layers only the smallest active one sends the tiny stream', () => {
  const layers = [
    { rid: 'q', active: true, scaleResolutionDownBy: 4, maxBitrate: 150000 },
    { rid: 'h', active: true, scaleResolutionDownBy: 2, maxBitrate: 500000 },
    { rid: 'f', active: true, scaleResolutionDownBy: 1, maxBitrate: 2500000 },
  ];
  const tiny = trickleEncodings(layers, 1280);
  assertEquals(tiny.map((e) => e.active), [true, false, false]);
  assertEquals(tiny[0], { rid: 'q', active: true, scaleResolutionDownBy: 8, maxBitrate: 30000, maxFramerate: 2 });
  assertEquals(restoredEncodings(tiny, layers), layers, 'every layer comes back as it was');
  // a narrow camera sends only the full-size layer: that one becomes the tiny stream
  const single = trickleEncodings([{ rid: 'q', active: false }, { rid: 'h', active: false }, { rid: 'f', active: true }], 480);
  assertEquals(single.map((e) => e.active), [false, false, true]);
});

test('photo fallback: video gets back exactly the encodings it had, unset limits removed', () => {
  assertEquals(restoredEncodings([{ active: true, maxBitrate: 30000, maxFramerate: 2, scaleResolutionDownBy: 8 }],
    [{ active: true }]), [{ active: true }]);
  assertEquals(restoredEncodings([{ active: false }], [{ active: true }]), [{ active: true }]);
  assertEquals(restoredEncodings([{ active: true, maxBitrate: 30000 }], [{ active: true, maxBitrate: 900000 }]),
    [{ active: true, maxBitrate: 900000 }]);
});

test('photo fallback: the server\'s modes switch the sender between the tiny stream and full video', async () => {
  /** @type {any} */
  let parameters = { encodings: [{ active: true }] };
  const sender = /** @type {any} */ ({
    getParameters: () => JSON.parse(JSON.stringify(parameters)),
    setParameters: async (/** @type {any} */ p) => { parameters = p; },
  });
  let changes = 0;
  const fallback = new PhotoFallback({
    sender: () => sender,
    camera: () => /** @type {any} */ ({ readyState: 'live', getSettings: () => ({ width: 640 }) }),
    video: document.createElement('video'),
    sessionId: () => null, // no session: nothing is uploaded
    token: () => null,
    onChange: () => { changes++; },
  });
  try {
    await fallback.apply('snapshots');
    assertEquals(fallback.mode, 'snapshots');
    assertEquals(parameters.encodings, [{ active: true, maxBitrate: 30000, maxFramerate: 2, scaleResolutionDownBy: 4 }]);
    await (fallback.uploading ?? Promise.resolve());
    await fallback.probe();
    assertTrue(fallback.probing, 'a probe restores full video');
    assertEquals(parameters.encodings, [{ active: true }]);
    await fallback.apply('snapshots');
    await fallback.apply('unknown');
    assertEquals(fallback.mode, 'snapshots', 'an unknown mode changes nothing');
    await fallback.apply('video');
    assertEquals(fallback.mode, 'video');
    assertEquals(fallback.probing, false);
    assertEquals(parameters.encodings, [{ active: true }]);
    assertTrue(changes >= 2, 'the page was told of each change');
  } finally {
    fallback.stop();
  }
});
