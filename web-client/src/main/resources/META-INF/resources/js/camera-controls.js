// @ts-check
/**
 * What the phone's camera can do beyond showing a picture, without DOM: the torch and zoom that
 * `MediaStreamTrack.getCapabilities()` reports (many browsers report neither; the page then hides
 * the controls), and switching between the front and rear cameras.
 * @module camera-controls
 */

/**
 * @typedef {object} CameraFeatures
 * @property {boolean} torch the light can be switched on
 * @property {{min: number, max: number, step: number, value: number} | null} zoom
 */

/**
 * @param {any} capabilities `track.getCapabilities()`, or undefined where the browser lacks it
 * @param {any} settings `track.getSettings()`
 * @returns {CameraFeatures}
 */
export function cameraFeatures(capabilities, settings) {
  const caps = capabilities ?? {};
  const torch = caps.torch === true || (Array.isArray(caps.torch) && caps.torch.includes(true));
  const z = caps.zoom;
  const zoom = z && typeof z.min === 'number' && typeof z.max === 'number' && z.max > z.min
    ? { min: z.min, max: z.max, step: z.step > 0 ? z.step : (z.max - z.min) / 20,
      value: typeof settings?.zoom === 'number' ? settings.zoom : z.min }
    : null;
  return { torch, zoom };
}

/**
 * @param {'user' | 'environment' | string | undefined} facing the camera in use
 * @returns {'user' | 'environment'} the other one
 */
export function otherFacing(facing) {
  return facing === 'user' ? 'environment' : 'user';
}

/** Constraints of the camera the customer shows the product with: the rear one, at 720p if it can. */
export function cameraConstraints(facing = 'environment') {
  return { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } };
}

/**
 * Opens the other camera. The current one is stopped first: many phones cannot run two at once.
 * @param {MediaStreamTrack} current
 * @param {(constraints: MediaStreamConstraints) => Promise<MediaStream>} getUserMedia
 * @returns {Promise<MediaStreamTrack>} the new video track
 */
export async function openOtherCamera(current, getUserMedia) {
  const facing = otherFacing(current.getSettings().facingMode);
  current.stop();
  const stream = await getUserMedia({ video: cameraConstraints(facing), audio: false });
  return stream.getVideoTracks()[0];
}
