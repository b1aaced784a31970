// @ts-check
import { clock, markers, nextMarker, onRecordingClock, visibleAt } from '/js/replay-timeline.js';
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
