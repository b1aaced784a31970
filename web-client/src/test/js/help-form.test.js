// @ts-check
import { MAX_PHOTO_BYTES, photoProblem, submitHelp } from '/js/help-form.js';
import { assertEquals, assertTrue, test } from './harness.js';

test('help: no photo or a normal one is fine', () => {
  assertEquals(photoProblem(null), null);
  assertEquals(photoProblem({ size: 200_000, type: 'image/jpeg' }), null);
});

test('help: a photo that is too large or not an image is refused before sending', () => {
  assertTrue(photoProblem({ size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' })?.includes('too large'), 'too large');
  assertTrue(photoProblem({ size: 10, type: 'application/pdf' })?.includes('Only photos'), 'not a photo');
});

test('help: the server message is shown when the request is refused', async () => {
  const fetchFn = /** @type {any} */ (async () => ({ ok: false, status: 415, json: async () => ({ error: 'unsupported_photo_type', message: 'the photo must be a JPEG' }) }));
  try {
    await submitHelp(fetchFn, new FormData());
    throw new Error('no refusal');
  } catch (e) {
    assertEquals(/** @type {Error} */ (e).message, 'The photo must be a JPEG.');
  }
});
