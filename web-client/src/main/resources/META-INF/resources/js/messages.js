// @ts-check
/**
 * Texts the pages show for failures, kept apart from the DOM so they can be checked and translated.
 * @module messages
 */

/**
 * The text key (see `i18n/en.json`) that explains why the camera or microphone could not be
 * opened, by the DOMException name; `media.failed` takes the name as `{name}`.
 * @param {string} name `error.name` from getUserMedia
 * @param {boolean} secureContext `window.isSecureContext`
 * @returns {string}
 */
export function mediaErrorKey(name, secureContext) {
  if (!secureContext) {
    return 'media.insecure';
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'media.blocked';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'media.noCamera';
    case 'NotReadableError':
    case 'AbortError':
      return 'media.busy';
    case 'TypeError':
      return 'media.unsupported';
    default:
      return 'media.failed';
  }
}

/**
 * Whether getUserMedia is worth retrying without the microphone after this failure: the device
 * may lack one or have it busy, but a refusal by the person is final.
 * @param {string} name
 * @returns {boolean}
 */
export function retryWithoutMicrophone(name) {
  return name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError';
}

/**
 * Text for an error that the signaling server or the connection reported.
 * @param {{code?: string, message?: string}} error
 * @returns {string}
 */
export function describeServerError(error) {
  if (error.code === 'connection.closed') {
    return error.message || 'The connection to the server was lost.';
  }
  if (error.code === 'timeout') {
    return 'The server did not answer in time. Check the network and try again.';
  }
  const text = error.message || 'The server refused the request.';
  return error.code ? `${text} (${error.code})` : text;
}
