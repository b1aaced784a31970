// @ts-check
/**
 * Small DOM helpers shared by the customer page and the agent console.
 * @module ui
 */

import { STATE_LABELS } from './call-state.js';

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
 * Shows the call state in a status element; the state name also goes into `data-state` for styling and tests.
 * @param {HTMLElement} target
 * @param {import('./call-state.js').CallStateName} state
 */
export function renderState(target, state) {
  target.textContent = STATE_LABELS[state];
  target.dataset.state = state;
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

/**
 * Copies text to the clipboard, with the selection fallback for pages that are not a secure context.
 * @param {HTMLInputElement} source an input that holds the text
 * @returns {Promise<boolean>} whether the text was copied
 */
export async function copyText(source) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(source.value);
      return true;
    } catch {
      // fall through to the selection-based copy
    }
  }
  source.select();
  // the legacy command is the only clipboard access outside a secure context
  return document.execCommand('copy');
}
