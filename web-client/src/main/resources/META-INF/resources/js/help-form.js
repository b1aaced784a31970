// @ts-check
/**
 * The help page's form logic without DOM: checks a chosen photo before it is sent (the server checks
 * again, by content) and sends the form to `POST /api/entry/help`.
 * @module help-form
 */

/** Largest photo the page sends; the server's limit (`remote-support.entry.max-photo-size`) is the one that counts. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Photo types the server accepts. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/**
 * A reason not to send this photo, or null when it looks fine.
 * @param {{size: number, type: string} | null} photo
 * @returns {string | null}
 */
export function photoProblem(photo) {
  if (!photo) {
    return null;
  }
  if (photo.size > MAX_PHOTO_BYTES) {
    return `The photo is too large (at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB). Take a smaller one or leave it out.`;
  }
  if (photo.type && !PHOTO_TYPES.includes(photo.type)) {
    return 'Only photos (JPEG, PNG, WebP or HEIC) can be attached.';
  }
  return null;
}

/**
 * What the server answers when a help request was accepted.
 * @typedef {{token: string, expiresAt: number, ticket: {id: string}}} HelpEntry
 */

/**
 * Sends the help request.
 * @param {typeof fetch} fetchFn
 * @param {FormData} form fields `language`, `category`, `orderNumber`, `description`, optional `photo`
 * @returns {Promise<HelpEntry>}
 */
export async function submitHelp(fetchFn, form) {
  let response;
  try {
    response = await fetchFn('/api/entry/help', { method: 'POST', body: form });
  } catch {
    throw new Error('Cannot reach the server. Check the network and try again.');
  }
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    throw new Error(body?.message ? capitalise(body.message) : `The request failed (${response.status}).`);
  }
  return /** @type {HelpEntry} */ (body);
}

/** @param {string} text */
function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
