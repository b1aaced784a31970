// @ts-check
/**
 * Texts the pages show for failures, kept apart from the DOM so they can be checked and translated.
 * @module messages
 */

/**
 * Explains why the camera or microphone could not be opened, by the DOMException name.
 * @param {string} name `error.name` from getUserMedia
 * @param {boolean} secureContext `window.isSecureContext`
 * @returns {string}
 */
export function describeMediaError(name, secureContext) {
  if (!secureContext) {
    return 'This page must be opened over https:// to use the camera. Ask for a secure link.';
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was blocked. Allow the camera and microphone for this site in your browser settings, then press Start again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another app. Close it and press Start again.';
    case 'TypeError':
      return 'This browser cannot share a camera. Try Chrome on Android or Safari on iPhone.';
    default:
      return `The camera could not be started (${name}).`;
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
