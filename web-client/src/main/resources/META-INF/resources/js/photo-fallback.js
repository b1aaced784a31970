// @ts-check
/**
 * Photos instead of video on the customer's phone, when the server says the uplink is too poor for
 * video (`media.fallback` with `mode: "snapshots"`): the camera's video is cut to a tiny stream
 * (about 160 pixels wide, 2 frames a second, 30 kbit/s) that leaves the link to the microphone and
 * the photos, full-resolution photos go up through the snapshot endpoint every few seconds and
 * whenever the agent asks (`photo.requested`), and now and then the full video parameters come back
 * for a while, so that the relay can see whether the link carries video again: the server ends the
 * fallback (`mode: "video"`) only on what it measured. The decision is the server's; this module
 * only follows it. Runs on the page's main thread.
 * @module photo-fallback
 */

import { captureFrame, uploadSnapshot } from './freeze-frame.js';

/**
 * The pause after one photo is up before the next goes, in photo mode, besides those the agent asks
 * for: counted from the end of an upload, so that on a slow link the photos leave the microphone
 * room between them.
 */
export const PHOTO_INTERVAL_MS = 10_000;
/** How long the tiny stream lasts between two probes. */
export const TRICKLE_MS = 6_000;
/** How long a probe restores the full video: longer than the server's recover-after (5 s by default). */
export const PROBE_MS = 15_000;
/** The tiny stream: width in pixels, frames per second and bit/s. */
export const TRICKLE = Object.freeze({ width: 160, framerate: 2, bitrate: 30_000 });
/** Photos larger than this are re-encoded smaller: the server takes 2 MB by default. */
export const MAX_PHOTO_BYTES = 1_800_000;
/** The longest side of a re-encoded photo. */
const MAX_PHOTO_SIDE = 1920;

/**
 * The encodings of the tiny stream, from a sender's current ones: of simulcast layers only the
 * smallest active one keeps sending, scaled down to the tiny size, and the others stop.
 * @param {RTCRtpEncodingParameters[]} encodings
 * @param {number} width the camera's width in pixels (0 when unknown)
 * @returns {RTCRtpEncodingParameters[]}
 */
export function trickleEncodings(encodings, width) {
  const scale = width > TRICKLE.width ? width / TRICKLE.width : 1;
  let kept = -1;
  encodings.forEach((e, i) => {
    const active = e.active !== false;
    if (active && (kept < 0 || (e.scaleResolutionDownBy ?? 1) > (encodings[kept].scaleResolutionDownBy ?? 1))) {
      kept = i;
    }
  });
  kept = Math.max(kept, 0);
  return encodings.map((e, i) => (i === kept
    ? { ...e, active: true, maxBitrate: TRICKLE.bitrate, maxFramerate: TRICKLE.framerate, scaleResolutionDownBy: scale }
    : { ...e, active: false }));
}

/**
 * The encodings restored from those saved before the fallback; what was not set then is removed.
 * @param {RTCRtpEncodingParameters[]} current
 * @param {RTCRtpEncodingParameters[]} saved
 * @returns {RTCRtpEncodingParameters[]}
 */
export function restoredEncodings(current, saved) {
  return current.map((e, i) => {
    const before = saved[i] ?? {};
    /** @type {any} */
    const restored = { ...e };
    for (const key of ['active', 'maxBitrate', 'maxFramerate', 'scaleResolutionDownBy']) {
      if (/** @type {any} */ (before)[key] === undefined) {
        delete restored[key];
      } else {
        restored[key] = /** @type {any} */ (before)[key];
      }
    }
    return restored;
  });
}

/**
 * A photo from the camera at its full resolution: `ImageCapture.takePhoto` where the browser has it,
 * otherwise a frame of the camera's own `<video>` drawn on a canvas; JPEG, at most
 * {@link MAX_PHOTO_BYTES}.
 * @param {MediaStreamTrack | null} track the camera
 * @param {HTMLVideoElement} video plays the camera at its own resolution
 * @returns {Promise<Blob>}
 */
export async function capturePhoto(track, video) {
  /** @type {Blob | null} */
  let photo = null;
  const ImageCaptureClass = /** @type {any} */ (globalThis).ImageCapture;
  if (track && track.readyState === 'live' && ImageCaptureClass) {
    try {
      photo = await new ImageCaptureClass(track).takePhoto();
    } catch {
      photo = null; // some cameras (and emulated ones) have no photo mode: a frame of the video will do
    }
  }
  if (!photo || photo.size === 0) {
    return captureFrame(video, 0.85);
  }
  if (photo.size <= MAX_PHOTO_BYTES && photo.type === 'image/jpeg') {
    return photo;
  }
  return shrink(photo);
}

/** @param {Blob} photo */
async function shrink(photo) {
  const bitmap = await createImageBitmap(photo);
  const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded.'))),
      'image/jpeg', 0.85);
  });
}

/**
 * Follows the server's fallback decisions for this phone.
 */
export class PhotoFallback {
  /**
   * @param {{
   *   sender: () => RTCRtpSender | null | undefined,
   *   camera: () => MediaStreamTrack | null | undefined,
   *   video: HTMLVideoElement,
   *   sessionId: () => string | null,
   *   token: () => string | null,
   *   onChange: () => void,
   *   mark?: (event: string) => void,
   *   fetchFn?: typeof fetch,
   * }} options
   */
  constructor(options) {
    this.options = options;
    /** @type {'video' | 'snapshots'} */
    this.mode = 'video';
    /** whether a probe has the full video parameters back now */
    this.probing = false;
    this.photosSent = 0;
    /** @type {string | null} why the last photo failed, if it did */
    this.lastError = null;
    /** @type {RTCRtpEncodingParameters[] | null} the encodings before the fallback */
    this.saved = null;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.probeTimer = null;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.photoTimer = null;
    /** size of the last photo sent, in bytes */
    this.lastPhotoBytes = 0;
    /** @type {Promise<void> | null} the upload under way: on a poor link one at a time */
    this.uploading = null;
    /** a periodic photo fell due during a probe: it goes when the probe ends */
    this.photoPending = false;
  }

  /**
   * Applies the mode a `media.fallback` names.
   * @param {string} mode `snapshots` or `video`
   */
  async apply(mode) {
    if (mode !== 'snapshots' && mode !== 'video') {
      return;
    }
    if (mode === this.mode) {
      return;
    }
    this.mode = mode;
    this.clearTimers();
    if (mode === 'snapshots') {
      await this.trickle();
      void this.sendPhoto();
    } else {
      this.probing = false;
      this.photoPending = false;
      await this.restore();
      this.saved = null;
    }
    this.options.onChange();
  }

  /**
   * Takes a photo and uploads it, unless one is on its way already; resolves when done. A probe's
   * full video would starve the upload on a capped link: a photo the agent asked for ends the probe,
   * a periodic one waits for its end.
   * @param {boolean} [requested] whether the agent asked for it
   */
  sendPhoto(requested = false) {
    if (this.uploading) {
      return this.uploading;
    }
    if (this.probing) {
      if (!requested) {
        this.photoPending = true;
        return Promise.resolve();
      }
      void this.trickle();
    }
    if (this.photoTimer) {
      clearTimeout(this.photoTimer);
      this.photoTimer = null;
    }
    this.uploading = this.upload().finally(() => {
      this.uploading = null;
      if (this.mode === 'snapshots') {
        this.photoTimer = setTimeout(() => void this.sendPhoto(), PHOTO_INTERVAL_MS);
      }
    });
    return this.uploading;
  }

  async upload() {
    const sessionId = this.options.sessionId();
    const token = this.options.token();
    if (!sessionId || !token) {
      return;
    }
    const mark = this.options.mark ?? (() => {});
    try {
      mark('photo:capture');
      const photo = await capturePhoto(this.options.camera() ?? null, this.options.video);
      mark(`photo:upload:${photo.size}`);
      await uploadSnapshot(this.options.fetchFn ?? fetch, sessionId, photo, token);
      mark('photo:sent');
      this.photosSent++;
      this.lastPhotoBytes = photo.size;
      this.lastError = null;
    } catch (e) {
      mark('photo:failed');
      // the next interval or request tries again; the agent still hears the customer
      this.lastError = e instanceof Error ? e.message : String(e);
    }
    this.options.onChange();
  }

  /** Ends the fallback without telling anyone: the call is over. */
  stop() {
    this.clearTimers();
    this.mode = 'video';
    this.probing = false;
    this.photoPending = false;
  }

  clearTimers() {
    if (this.probeTimer) {
      clearTimeout(this.probeTimer);
      this.probeTimer = null;
    }
    if (this.photoTimer) {
      clearTimeout(this.photoTimer);
      this.photoTimer = null;
    }
  }

  async trickle() {
    this.probing = false;
    if (this.probeTimer) {
      clearTimeout(this.probeTimer);
      this.probeTimer = null;
    }
    const sender = this.options.sender();
    if (sender) {
      const parameters = sender.getParameters();
      this.saved ??= parameters.encodings.map((e) => ({ ...e }));
      const width = this.options.camera()?.getSettings().width ?? 0;
      parameters.encodings = trickleEncodings(parameters.encodings, width);
      await sender.setParameters(parameters).catch(() => {});
    }
    this.probeTimer = setTimeout(() => void this.probe(), TRICKLE_MS);
  }

  async probe() {
    this.probeTimer = null;
    if (this.mode !== 'snapshots') {
      return;
    }
    if (this.uploading) {
      // the photo on its way first: the probe follows as soon as it is up
      void this.uploading.then(() => {
        if (this.mode === 'snapshots' && !this.probing && !this.probeTimer) {
          this.probeTimer = setTimeout(() => void this.probe(), 0);
        }
      });
      return;
    }
    this.probing = true;
    this.options.mark?.('probe');
    await this.restore();
    this.options.onChange();
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      if (this.mode !== 'snapshots') {
        return;
      }
      void this.trickle().then(() => {
        this.options.onChange();
        if (this.photoPending) {
          this.photoPending = false;
          void this.sendPhoto();
        }
      });
    }, PROBE_MS);
  }

  async restore() {
    const sender = this.options.sender();
    if (!sender || !this.saved) {
      return;
    }
    const parameters = sender.getParameters();
    parameters.encodings = restoredEncodings(parameters.encodings, this.saved);
    await sender.setParameters(parameters).catch(() => {});
  }
}
