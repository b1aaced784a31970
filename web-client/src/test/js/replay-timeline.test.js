// @ts-check
import {
  chatUntil, clock, ending, eventsOnRecordingClock, frozenAt, markers, nextMarker, onRecordingClock, visibleAt,
} from '/js/replay-timeline.js';
import { assertEquals, test } from './harness.js';

const anchor = { track: 'video', frameTs: 0 };
/** @param {string} id @param {number} x */
const arrow = (id, x) => ({ id, type: 'arrow', color: '#00ff00', width: 8, points: /** @type {[number, number][]} */ ([[x, 0.5], [x + 0.1, 0.5]]), anchor });
const timeline = {
  sessionId: 's1',
  start: '2026-11-22T10:00:00Z',
  entries: [
    { offsetMs: 1000, op: { seq: 1, author: 'a', opId: 'o1', at: 0, kind: 'add', markup: arrow('m1', 0.1) } },
    { offsetMs: 6000, op: { seq: 2, author: 'a', opId: 'o2', at: 0, kind: 'add', markup: arrow('m2', 0.5) } },
    { offsetMs: 8000, op: { seq: 3, author: 'a', opId: 'o3', at: 0, kind: 'move', markupId: 'm2', dx: 0.1, dy: 0 } },
    { offsetMs: 9000, op: { seq: 4, author: 'a', opId: 'o4', at: 0, kind: 'clear', hide: ['m1'] } },
  ],
};
// the recording started 3 s into the session
const recording = { startedAt: Date.parse('2026-11-22T10:00:03Z'), sessionStartedAt: Date.parse('2026-11-22T10:00:00Z') };

test('replay: ops move onto the recording clock, earlier ones before its start', () => {
  assertEquals(onRecordingClock(timeline, recording).map((t) => t.atMs), [-2000, 3000, 5000, 6000]);
});

test('replay: a markup appears at its time, moves, and disappears when cleared', () => {
  const ops = onRecordingClock(timeline, recording);
  assertEquals(visibleAt(ops, 0).map((m) => m.id), ['m1']);
  assertEquals(visibleAt(ops, 2999).map((m) => m.id), ['m1']);
  assertEquals(visibleAt(ops, 3000).map((m) => [m.id, m.points[0]]), [['m1', [0.1, 0.5]], ['m2', [0.5, 0.5]]]);
  assertEquals(visibleAt(ops, 5500).find((m) => m.id === 'm2')?.points[0], [0.6, 0.5]);
  assertEquals(visibleAt(ops, 7000).map((m) => m.id), ['m2']);
});

test('replay: seeking back shows the earlier state again', () => {
  const ops = onRecordingClock(timeline, recording);
  visibleAt(ops, 7000);
  assertEquals(visibleAt(ops, 4000).map((m) => m.id), ['m1', 'm2']);
  assertEquals(visibleAt(ops, 4000).find((m) => m.id === 'm2')?.points[0], [0.5, 0.5]);
});

test('replay: markers for each markup and the end; next marker skips the current one', () => {
  const list = markers(onRecordingClock(timeline, recording), 10000);
  assertEquals(list, [
    { atMs: 0, kind: 'markup', label: 'Arrow 1' },
    { atMs: 3000, kind: 'markup', label: 'Arrow 2' },
    { atMs: 10000, kind: 'end', label: 'End' },
  ]);
  assertEquals(nextMarker(list, 0)?.atMs, 3000);
  assertEquals(nextMarker(list, 2800)?.atMs, 10000);
  assertEquals(nextMarker(list, 10000), null);
});

test('replay: an empty or malformed timeline has only the end marker', () => {
  assertEquals(markers(onRecordingClock({ entries: [] }, recording), 4000), [{ atMs: 4000, kind: 'end', label: 'End' }]);
  assertEquals(onRecordingClock(/** @type {any} */ ({ entries: [{ offsetMs: 'x' }, null] }), recording), []);
  assertEquals(clock(65400), '1:05');
});

// the session's events, on the session clock: chat before the recording, a snapshot, a freeze on it, more chat, the end
const withEvents = {
  ...timeline,
  events: [
    { kind: 'chat', offsetMs: 2000, name: 'Cora', role: 'customer', text: 'Hello?' },
    { kind: 'snapshot', offsetMs: 4000, snapshotId: 'p1', name: 'Ana' },
    { kind: 'freeze', offsetMs: 4700, snapshotId: 'p1', name: 'Ana' },
    { kind: 'note', offsetMs: 5400, name: 'Ana', text: 'Seal cracked at the   left side of the water tank, see photo', staffOnly: true },
    { kind: 'chat', offsetMs: 7000, name: 'Ana', role: 'agent', text: 'Turn the valve left' },
    { kind: 'unfreeze', offsetMs: 7700, name: 'Ana' },
    { kind: 'end', offsetMs: 12000, reason: 'completed', outcome: 'replacement', text: 'Ship a new tank' },
    { kind: 'bogus' }, null,
  ],
};

test('replay: session events move onto the recording clock; malformed ones are dropped', () => {
  const events = eventsOnRecordingClock(/** @type {any} */ (withEvents), recording);
  assertEquals(events.map((e) => [e.kind, e.atMs]), [['chat', -1000], ['snapshot', 1000], ['freeze', 1700],
    ['note', 2400], ['chat', 4000], ['unfreeze', 4700], ['end', 9000]]);
});

test('replay: markers of every kind in time order, the end with the outcome; next marker stops at each (half a second apart)', () => {
  const events = eventsOnRecordingClock(/** @type {any} */ (withEvents), recording);
  const list = markers(onRecordingClock(timeline, recording), 10000, events);
  assertEquals(list.map((m) => [m.atMs, m.kind, m.label]), [
    [0, 'markup', 'Arrow 1'],
    [1000, 'snapshot', 'Snapshot 1'],
    [1700, 'freeze', 'Frozen'],
    [2400, 'note', 'Note, Ana: Seal cracked at the left side of the wa…'],
    [3000, 'markup', 'Arrow 2'],
    [4000, 'chat', 'Chat, Ana: Turn the valve left'],
    [4700, 'unfreeze', 'Live again'],
    [10000, 'end', 'End: Replacement'],
  ]);
  const stops = [];
  for (let at = 0, next = nextMarker(list, at); next; next = nextMarker(list, at)) {
    stops.push(next.kind);
    at = next.atMs;
  }
  assertEquals(stops, ['snapshot', 'freeze', 'note', 'markup', 'chat', 'unfreeze', 'end']);
});

test('replay: the chat panel, the frozen still and the outcome at a moment', () => {
  const events = eventsOnRecordingClock(/** @type {any} */ (withEvents), recording);
  assertEquals(chatUntil(events, 0).map((e) => e.text), ['Hello?']);
  assertEquals(chatUntil(events, 4000).map((e) => e.kind), ['chat', 'note', 'chat']);
  assertEquals([frozenAt(events, 1699), frozenAt(events, 1700), frozenAt(events, 4699), frozenAt(events, 4700)],
    [null, 'p1', 'p1', null]);
  assertEquals(ending(events), { outcome: 'Replacement', note: 'Ship a new tank', reason: 'completed' });
  assertEquals(ending([]), null);
});
