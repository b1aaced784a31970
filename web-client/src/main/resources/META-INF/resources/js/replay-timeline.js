// @ts-check
/**
 * A recorded session's markups on the recording's own clock, for the player: the session's timeline
 * (ops with times relative to the session start) shifted by when the recording started, which
 * markups are visible at a moment of the recording, the session's events (chat, notes, snapshots,
 * freezes, the ending) on the same clock, the chat so far and the frozen still at a moment, the
 * markers of the timeline bar and the next marker after a moment. No DOM access.
 * @module replay-timeline
 */

import { MarkupLog } from './annotation/markup-log.js';

/**
 * @typedef {import('./annotation/markup-log.js').CommittedOp} CommittedOp
 * @typedef {import('./annotation/markup-log.js').Markup} Markup
 * @typedef {{atMs: number, op: CommittedOp}} TimedOp an op at its time in the recording, milliseconds
 * @typedef {{atMs: number, kind: string, label: string}} Marker
 * @typedef {{kind: string, offsetMs: number, at?: number, by?: string, name?: string, role?: string,
 *   text?: string, snapshotId?: string, reason?: string, outcome?: string, staffOnly?: boolean}} SessionEvent
 *   one of the session's events as the server sends it (chat, note, snapshot, freeze, unfreeze, end)
 * @typedef {SessionEvent & {atMs: number}} TimedEvent a session event at its time in the recording
 */

/** The kinds of session events, in the order the legend lists them, with the legend's words. */
export const EVENT_KINDS = /** @type {Record<string, string>} */ ({
  markup: 'Markup', chat: 'Chat message', note: 'Staff note', snapshot: 'Snapshot', freeze: 'Picture frozen',
  unfreeze: 'Back to live', end: 'End and outcome',
});

const OUTCOME_NAMES = /** @type {Record<string, string>} */ ({
  resolved_remotely: 'Resolved remotely', replacement: 'Replacement', return: 'Return', escalated: 'Escalated',
});

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
 * the earliest), each chat message, note, snapshot and freeze during the recording, and the end of the
 * recording (with the session's outcome), in time order.
 * @param {TimedOp[]} ops
 * @param {number} durationMs
 * @param {TimedEvent[]} [events] from {@link eventsOnRecordingClock}
 * @returns {Marker[]}
 */
export function markers(ops, durationMs, events = []) {
  /** @type {Marker[]} */
  const list = [];
  let snapshots = 0;
  for (const e of events) {
    // what happened before the recording started is not on its clock (the chat panel still shows it)
    if (e.atMs < 0 || e.atMs > durationMs || e.kind === 'end' || !(e.kind in EVENT_KINDS)) {
      continue;
    }
    if (e.kind === 'snapshot') {
      snapshots += 1;
    }
    list.push({ atMs: e.atMs, kind: e.kind, label: eventLabel(e, snapshots) });
  }
  let count = 0;
  for (const { atMs, op } of ops) {
    if (op.markup && op.markup.type !== 'pointer' && atMs <= durationMs) {
      count += 1;
      const name = TYPE_NAMES[op.markup.type] ?? 'Markup';
      const label = op.markup.type === 'step' && op.markup.number ? `${name} ${op.markup.number}` : `${name} ${count}`;
      list.push({ atMs: Math.max(0, atMs), kind: 'markup', label });
    }
  }
  const ending = events.find((e) => e.kind === 'end');
  list.push({ atMs: Math.max(0, durationMs), kind: 'end', label: ending?.outcome ? `End: ${outcomeName(ending.outcome)}` : 'End' });
  // stable sort: markers of one moment keep their order (markups, then events, the end last)
  return list.sort((a, b) => a.atMs - b.atMs);
}

/**
 * The session's events on the recording's clock (same shift as the ops), in time order; malformed
 * ones are left out.
 * @param {{start?: string, events?: SessionEvent[]}} timeline as the server sends it
 * @param {{startedAt: number, sessionStartedAt: number | null}} recording epoch milliseconds
 * @returns {TimedEvent[]}
 */
export function eventsOnRecordingClock(timeline, recording) {
  const parsed = timeline.start ? Date.parse(timeline.start) : NaN;
  const origin = Number.isFinite(parsed) ? parsed : (recording.sessionStartedAt ?? recording.startedAt);
  const shift = recording.startedAt - origin;
  return (timeline.events ?? [])
    .filter((e) => e && typeof e.kind === 'string' && typeof e.offsetMs === 'number')
    .map((e) => ({ ...e, atMs: e.offsetMs - shift }))
    .sort((a, b) => a.atMs - b.atMs);
}

/**
 * The chat messages and staff notes written up to a moment, oldest first (the side panel's lines).
 * @param {TimedEvent[]} events
 * @param {number} atMs
 * @returns {TimedEvent[]}
 */
export function chatUntil(events, atMs) {
  return events.filter((e) => (e.kind === 'chat' || e.kind === 'note') && e.atMs <= atMs);
}

/**
 * The snapshot everyone's view was frozen on at a moment, or null when the picture was live.
 * @param {TimedEvent[]} events in time order
 * @param {number} atMs
 * @returns {string | null}
 */
export function frozenAt(events, atMs) {
  /** @type {string | null} */
  let frozen = null;
  for (const e of events) {
    if (e.atMs > atMs) {
      break;
    }
    if (e.kind === 'freeze') {
      frozen = e.snapshotId ?? null;
    } else if (e.kind === 'unfreeze' || e.kind === 'end') {
      frozen = null;
    }
  }
  return frozen;
}

/**
 * How the session ended, in words: the outcome and the agent's note, or null if it has no ending.
 * @param {TimedEvent[]} events
 * @returns {{outcome: string | null, note: string | null, reason: string | null} | null}
 */
export function ending(events) {
  const end = events.find((e) => e.kind === 'end');
  return end ? { outcome: end.outcome ? outcomeName(end.outcome) : null, note: end.text ?? null, reason: end.reason ?? null } : null;
}

/** @param {string} outcome a wire name */
export function outcomeName(outcome) {
  return OUTCOME_NAMES[outcome] ?? outcome;
}

/**
 * @param {TimedEvent} e
 * @param {number} snapshotNumber
 */
function eventLabel(e, snapshotNumber) {
  const short = (/** @type {string | undefined} */ text) => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    return t.length > 40 ? `${t.slice(0, 39)}…` : t;
  };
  switch (e.kind) {
    case 'chat': return `Chat, ${e.name ?? 'someone'}: ${short(e.text)}`;
    case 'note': return `Note, ${e.name ?? 'staff'}: ${short(e.text)}`;
    case 'snapshot': return `Snapshot ${snapshotNumber}`;
    case 'freeze': return 'Frozen';
    case 'unfreeze': return 'Live again';
    default: return EVENT_KINDS[e.kind] ?? e.kind;
  }
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
