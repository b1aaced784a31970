// @ts-check
/**
 * Small DOM helpers shared by the customer page and the agent console.
 * @module ui
 */

/**
 * Finds an element that the page must have.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type expected element class
 * @returns {T}
 */
export function element(id, type) {
  const found = document.getElementById(id);
  if (!(found instanceof type)) {
    throw new Error(`page is missing #${id}`);
  }
  return found;
}

/**
 * Keeps `status` showing the call's state (its name also in `data-state`, for styling and tests);
 * hides `endButton` once the call is over.
 * @param {import('./call-state.js').CallState} state
 * @param {HTMLElement} status
 * @param {HTMLElement} endButton
 * @param {(name: import('./call-state.js').CallStateName) => string} [label] the text for a state,
 *   English ({@link import('./call-state.js').STATE_LABELS}) by default
 * @returns {() => void} renders again, e.g. after the page's language changed
 */
export function showCallState(state, status, endButton, label) {
  const render = () => {
    status.textContent = label ? label(state.name) : state.label();
    status.dataset.state = state.name;
    if (state.finished) {
      endButton.hidden = true;
    }
  };
  state.subscribe(render);
  render();
  return render;
}

/**
 * Shows a message in the page's alert region, or hides it when `text` is empty.
 * @param {HTMLElement} target
 * @param {string} text
 */
export function showAlert(target, text) {
  target.textContent = text;
  target.hidden = text === '';
}

/**
 * Starts playback; when the browser blocks it (autoplay rules), calls `onBlocked` with a function
 * that retries from a user gesture.
 * @param {HTMLMediaElement} media
 * @param {(retry: () => void) => void} onBlocked
 */
export function play(media, onBlocked) {
  media.play().catch((e) => {
    if (e && e.name === 'NotAllowedError') {
      onBlocked(() => {
        media.play().catch(() => {});
      });
    }
  });
}
