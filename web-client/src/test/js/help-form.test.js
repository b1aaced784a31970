// @ts-check
import { MAX_PHOTO_BYTES, photoProblem, submitHelp } from '/js/help-form.js';
import { loadTranslator, useTranslator } from '/js/i18n.js';
import { assertEquals, assertTrue, test } from './harness.js';

useTranslator(await loadTranslator('en'));

test('help: no photo or a normal one is fine', () => {
  assertEquals(photoProblem(null), null);
  assertEquals(photoProblem({ size: 200_000, type: 'image/jpeg' }), null);
});

test('help: a photo that is too large or not an image is refused before sending', () => {
  assertTrue(photoProblem({ size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' })?.text().includes('too large (at most 5 MB)'), 'too large');
  assertTrue(photoProblem({ size: 10, type: 'application/pdf' })?.text().includes('Only photos'), 'not a photo');
});

test('help: a refusal the page has no text for names its code', async () => {
  const fetchFn = /** @type {any} */ (async () => ({ ok: false, status: 400, json: async () => ({ error: 'invalid_field', message: 'orderNumber too long' }) }));
  try {
    await submitHelp(fetchFn, new FormData());
    throw new Error('no refusal');
  } catch (e) {
    assertTrue(/** @type {Error} */ (e).message.includes('(invalid_field)'), /** @type {Error} */ (e).message);
  }
});

test('help: a refused photo is explained in the page language', async () => {
  const fetchFn = /** @type {any} */ (async () => ({ ok: false, status: 415, json: async () => ({ error: 'unsupported_photo_type', message: 'the photo must be a JPEG' }) }));
  try {
    await submitHelp(fetchFn, new FormData());
    throw new Error('no refusal');
  } catch (e) {
    assertEquals(/** @type {Error} */ (e).message, 'Only photos (JPEG, PNG, WebP or HEIC) can be attached.');
  }
});
