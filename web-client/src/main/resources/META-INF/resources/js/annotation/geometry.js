// @ts-check
/**
 * Where the video picture lies inside its element, and the mapping between element coordinates
 * (CSS pixels from the element's top left corner) and coordinates normalised to the picture itself
 * (0..1, independent of letterboxing, CSS size and device resolution). No DOM access.
 * @module annotation/geometry
 */

/** @typedef {{x: number, y: number, width: number, height: number}} Rect */

/**
 * The rectangle the picture occupies in an element of `boxWidth` × `boxHeight` CSS pixels, for a
 * video of `videoWidth` × `videoHeight` shown with `object-fit` `fit`: `contain` adds bars
 * (letterbox or pillarbox), `cover` crops (the rectangle then extends past the element), `fill`
 * stretches. Before the video knows its size, the whole element.
 * @param {number} boxWidth
 * @param {number} boxHeight
 * @param {number} videoWidth
 * @param {number} videoHeight
 * @param {'contain' | 'cover' | 'fill' | string} [fit]
 * @returns {Rect}
 */
export function pictureRect(boxWidth, boxHeight, videoWidth, videoHeight, fit = 'contain') {
  if (!(videoWidth > 0 && videoHeight > 0 && boxWidth > 0 && boxHeight > 0) || fit === 'fill') {
    return { x: 0, y: 0, width: Math.max(0, boxWidth), height: Math.max(0, boxHeight) };
  }
  const scaleX = boxWidth / videoWidth;
  const scaleY = boxHeight / videoHeight;
  const scale = fit === 'cover' ? Math.max(scaleX, scaleY) : Math.min(scaleX, scaleY);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { x: (boxWidth - width) / 2, y: (boxHeight - height) / 2, width, height };
}

/**
 * Element coordinates to picture coordinates; values outside 0..1 are off the picture (on a bar).
 * @param {number} x
 * @param {number} y
 * @param {Rect} rect from {@link pictureRect}
 * @returns {{x: number, y: number}}
 */
export function toPicture(x, y, rect) {
  return { x: (x - rect.x) / rect.width, y: (y - rect.y) / rect.height };
}

/**
 * Picture coordinates to element coordinates.
 * @param {number} x
 * @param {number} y
 * @param {Rect} rect from {@link pictureRect}
 * @returns {{x: number, y: number}}
 */
export function fromPicture(x, y, rect) {
  return { x: rect.x + x * rect.width, y: rect.y + y * rect.height };
}

/**
 * Whether a picture point is on the picture.
 * @param {{x: number, y: number}} p
 */
export function onPicture(p) {
  return p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1;
}

/**
 * A picture point moved onto the picture's nearest edge, rounded to 1/10000 so that the wire
 * carries short numbers.
 * @param {{x: number, y: number}} p
 * @returns {[number, number]}
 */
export function clampToPicture(p) {
  const c = (/** @type {number} */ v) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  return [c(p.x), c(p.y)];
}
