// @ts-check
/**
 * The help page's form logic without DOM: checks a chosen photo before it is sent (the server checks
 * again, by content) and sends the form to `POST /api/entry/help`. Texts come from the page's
 * language ({@link module:i18n}).
 * @module help-form
 */

import { t } from './i18n.js';

/** Largest photo the page sends; the server's limit (`remote-support.entry.max-photo-size`) is the one that counts. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Photo types the server accepts. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/**
 * A reason not to send this photo, or null when it looks fine: `key` names the text, `text()`
 * reads it in the page's current language.
 * @param {{size: number, type: string} | null} photo
 * @returns {{key: string, text: () => string} | null}
 */
export function photoProblem(photo) {
  if (!photo) {
    return null;
  }
  if (photo.size > MAX_PHOTO_BYTES) {
    return { key: 'help.error.photoTooLarge', text: () => t('help.error.photoTooLarge', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }) };
  }
  if (photo.type && !PHOTO_TYPES.includes(photo.type)) {
    return { key: 'help.error.photoType', text: () => t('help.error.photoType') };
  }
  return null;
}

/**
 * What the server answers when a help request was accepted.
 * @typedef {{token: string, expiresAt: number, ticket: {id: string}}} HelpEntry
 */

/**
 * Sends the help request; a refusal is thrown as an Error whose message the customer can read,
 * in the page's language (the server's code in brackets for support).
 * @param {typeof fetch} fetchFn
 * @param {FormData} form fields `language`, `category`, `orderNumber`, `description`, optional `photo`
 * @returns {Promise<HelpEntry>}
 */
export async function submitHelp(fetchFn, form) {
  let response;
  try {
    response = await fetchFn('/api/entry/help', { method: 'POST', body: form });
  } catch {
    throw new Error(t('help.error.network'));
  }
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    switch (body?.error) {
      case 'photo_too_large':
        throw new Error(t('help.error.photoTooLarge', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }));
      case 'unsupported_photo_type':
        throw new Error(t('help.error.photoType'));
      default:
        throw new Error(t('help.error.refused', { code: body?.error ?? response.status }));
    }
  }
  return /** @type {HelpEntry} */ (body);
}
