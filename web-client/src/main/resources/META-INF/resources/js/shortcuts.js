// @ts-check
/**
 * The agent console's keyboard shortcuts, without DOM: which action a key press stands for, or null
 * when it stands for none or the person is typing (a text box, a select, an editable element). The
 * console's help dialog (`?`) lists the same keys.
 * @module shortcuts
 */

/** Letter → drawing tool. */
export const TOOL_KEYS = Object.freeze({
  a: 'arrow', c: 'ellipse', r: 'rectangle', f: 'stroke', h: 'highlight', t: 'text', n: 'step', l: 'pointer',
});

/** Digit → colour of the swatches, in their order. */
export const COLOR_KEYS = Object.freeze({
  1: '#ff3b30', 2: '#ffcc00', 3: '#34c759', 4: '#0a84ff', 5: '#ffffff',
});

/**
 * @typedef {{kind: 'tool' | 'color', value: string}
 *   | {kind: 'undo' | 'redo' | 'clear' | 'freeze' | 'snapshot' | 'chat' | 'help'}} ShortcutAction
 */

/**
 * @param {{key: string, ctrlKey: boolean, metaKey: boolean, shiftKey: boolean, altKey: boolean}} event
 * @param {string} targetTag the tag name of the focused element (upper case, as the DOM gives it)
 * @param {boolean} editable whether the focused element is editable
 * @returns {ShortcutAction | null}
 */
export function shortcutFor(event, targetTag, editable) {
  if (editable || targetTag === 'INPUT' || targetTag === 'TEXTAREA' || targetTag === 'SELECT') {
    return null;
  }
  const key = event.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;
  if (event.ctrlKey || event.metaKey) {
    if (lower === 'z') {
      return { kind: event.shiftKey ? 'redo' : 'undo' };
    }
    if (lower === 'y') {
      return { kind: 'redo' };
    }
    return null;
  }
  if (event.altKey) {
    return null;
  }
  if (key === '?') {
    return { kind: 'help' };
  }
  if (key === ' ') {
    // on a focused button the space bar presses it; the shortcut would do it twice
    return targetTag === 'BUTTON' ? null : { kind: 'freeze' };
  }
  if (key === '/') {
    return { kind: 'chat' };
  }
  if (event.shiftKey && lower === 'x') {
    return { kind: 'clear' };
  }
  if (event.shiftKey) {
    return null;
  }
  if (Object.hasOwn(TOOL_KEYS, lower)) {
    return { kind: 'tool', value: /** @type {Record<string, string>} */ (TOOL_KEYS)[lower] };
  }
  if (Object.hasOwn(COLOR_KEYS, lower)) {
    return { kind: 'color', value: /** @type {Record<string, string>} */ (COLOR_KEYS)[lower] };
  }
  if (lower === 'z') {
    return { kind: 'undo' };
  }
  if (lower === 'y') {
    return { kind: 'redo' };
  }
  if (lower === 's') {
    return { kind: 'snapshot' };
  }
  return null;
}
