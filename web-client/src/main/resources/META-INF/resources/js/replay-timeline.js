// @ts-check
/**
 * A recorded session's markups on the recording's own clock, for the player: the session's timeline
 * (ops with times relative to the session start) shifted by when the recording started, which
 * markups are visible at a moment of the recording, the markers of the timeline bar and the next
 * marker after a moment. No DOM access.
 * @module replay-timeline
 */

import { MarkupLog } from './annotation/markup-log.js';

/**
 * @typedef {import('./annotation/markup-log.js').CommittedOp} CommittedOp
 * @typedef {import('./annotation/markup-log.js').Markup} Markup
 * @typedef {{atMs: number, op: CommittedOp}} TimedOp an op at its time in the recording, milliseconds
 * @typedef {{atMs: number, kind: string, label: string}} Marker
 */

const TYPE_NAMES = /** @type {Record<string, string>} */ ({
  arrow: 'Arrow', stroke: 'Drawing', ellipse: 'Circle', rectangle: 'Rectangle', highlight: 'Highlight',
  text: 'Text', step: 'Step', pointer: 'Pointer',
});

/**
 * The timeline's ops on the recording's clock, in seq order; ops from before the recording started
 * get negative times (they are on screen from its first frame).
 * @param {{start?: string, entries?: {offsetMs: number, op: CommittedOp}[]}} timeline as the server sends it
 * @param {{startedAt: number, sessionStartedAt: number | null}} recording epoch milliseconds
 * @returns {TimedOp[]}
 */
export function onRecordingClock(timeline, recording) {
  const parsed = timeline.start ? Date.parse(timeline.start) : NaN;
  const origin = Number.isFinite(parsed) ? parsed : (recording.sessionStartedAt ?? recording.startedAt);
  const shift = recording.startedAt - origin;
  return (timeline.entries ?? [])
    .filter((e) => e && e.op && typeof e.offsetMs === 'number' && typeof e.op.seq === 'number')
    .map((e) => ({ atMs: e.offsetMs - shift, op: e.op }))
    .sort((a, b) => a.op.seq - b.op.seq);
}

/**
 * The markups on screen at a moment of the recording: every op up to it applied in seq order.
 * @param {TimedOp[]} ops
 * @param {number} atMs
 * @returns {Markup[]} in drawing order
 */
export function visibleAt(ops, atMs) {
  const log = new MarkupLog();
  for (const timed of ops) {
    if (timed.atMs <= atMs) {
      log.offer(timed.op);
    }
  }
  return log.visible();
}

/**
 * The timeline bar's markers: each markup where it was first drawn (from the recording's start at
 * the earliest), and the end of the recording, in time order.
 * @param {TimedOp[]} ops
 * @param {number} durationMs
 * @returns {Marker[]}
 */
export function markers(ops, durationMs) {
  /** @type {Marker[]} */
  const list = [];
  let count = 0;
  for (const { atMs, op } of ops) {
    if (op.markup && op.markup.type !== 'pointer' && atMs <= durationMs) {
      count += 1;
      const name = TYPE_NAMES[op.markup.type] ?? 'Markup';
      const label = op.markup.type === 'step' && op.markup.number ? `${name} ${op.markup.number}` : `${name} ${count}`;
      list.push({ atMs: Math.max(0, atMs), kind: 'markup', label });
    }
  }
  list.push({ atMs: Math.max(0, durationMs), kind: 'end', label: 'End' });
  return list.sort((a, b) => a.atMs - b.atMs);
}

/**
 * The first marker after a moment (markers within half a second count as this moment), or null.
 * @param {Marker[]} list in time order
 * @param {number} atMs
 * @returns {Marker | null}
 */
export function nextMarker(list, atMs) {
  return list.find((m) => m.atMs > atMs + 500) ?? null;
}

/**
 * A moment as `m:ss`.
 * @param {number} ms
 */
export function clock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
