// @ts-check
/**
 * Freeze-frame: the agent captures the frame its `<video>` shows as a JPEG (through a canvas) and
 * uploads it as a snapshot of the session; every page shows a frozen still in an `<img>` laid over
 * its video, under the markup canvas, reading it with the reader's own token (an `<img src>` cannot
 * send one, so it goes through `fetch` and an object URL).
 * @module freeze-frame
 */

/**
 * The frame a video shows now, as JPEG bytes at the video's own resolution.
 * @param {HTMLVideoElement} video
 * @param {number} [quality]
 * @returns {Promise<Blob>}
 */
export function captureFrame(video, quality = 0.85) {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) {
    return Promise.reject(new Error('There is no picture to capture yet.'));
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) {
    return Promise.reject(new Error('This browser cannot capture the picture.'));
  }
  context.drawImage(video, 0, 0, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded.'))),
      'image/jpeg', quality);
  });
}

/**
 * Uploads a still as a snapshot of the session.
 * @param {typeof fetch} fetchFn
 * @param {string} sessionId
 * @param {Blob} image
 * @param {string} token the agent's token
 * @returns {Promise<{snapshotId: string, url: string, at: number, mediaType: string, bytes: number}>}
 */
export async function uploadSnapshot(fetchFn, sessionId, image, token) {
  const response = await fetchFn(`/api/sessions/${encodeURIComponent(sessionId)}/snapshots`, {
    method: 'POST',
    headers: { 'Content-Type': image.type || 'image/jpeg', Authorization: `Bearer ${token}` },
    body: image,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message ?? `The snapshot was refused (HTTP ${response.status}).`);
  }
  return body;
}

/**
 * @param {string} sessionId
 * @param {string} snapshotId
 * @returns {string} where a snapshot is read
 */
export function snapshotUrl(sessionId, snapshotId) {
  return `/api/sessions/${encodeURIComponent(sessionId)}/snapshots/${encodeURIComponent(snapshotId)}`;
}

/**
 * Reads a snapshot with a token into an object URL for an `<img>`.
 * @param {typeof fetch} fetchFn
 * @param {string} url
 * @param {string} token
 * @returns {Promise<string>}
 */
export async function loadSnapshot(fetchFn, url, token) {
  const response = await fetchFn(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw new Error(`The still could not be loaded (HTTP ${response.status}).`);
  }
  return URL.createObjectURL(await response.blob());
}

/** The frozen still over a page's video: shown on `session.frozen`, hidden on `session.unfrozen`. */
export class FrozenStill {
  /**
   * @param {HTMLImageElement} image laid over the video by the page's styles, under the markups
   * @param {() => string | null} token the reader's token
   * @param {(frozen: boolean) => void} [onChange]
   */
  constructor(image, token, onChange = () => {}) {
    this.image = image;
    this.token = token;
    this.onChange = onChange;
    /** @type {string | null} the snapshot shown, or null while live */
    this.snapshotId = null;
    /** @type {string | null} */
    this.objectUrl = null;
    /** @type {boolean} the still has been drawn */
    this.loaded = false;
    image.addEventListener('load', () => {
      this.loaded = true;
    });
  }

  /** @param {{sessionId: string, snapshotId: string}} frozen a `session.frozen` */
  async show(frozen) {
    this.snapshotId = frozen.snapshotId;
    this.loaded = false;
    this.onChange(true);
    const token = this.token();
    if (!token) {
      return;
    }
    const url = await loadSnapshot(fetch, snapshotUrl(frozen.sessionId, frozen.snapshotId), token);
    if (this.snapshotId !== frozen.snapshotId) {
      URL.revokeObjectURL(url);
      return;
    }
    this.release();
    this.objectUrl = url;
    this.image.src = url;
    this.image.hidden = false;
  }

  hide() {
    this.snapshotId = null;
    this.loaded = false;
    this.image.hidden = true;
    this.image.removeAttribute('src');
    this.release();
    this.onChange(false);
  }

  release() {
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
    }
  }
}
