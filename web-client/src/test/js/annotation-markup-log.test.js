// @ts-check
import { MarkupLog, Outbox } from '/js/annotation/markup-log.js';
import { assertEquals, test } from './harness.js';

const anchor = { track: 'camera', frameTs: 1 };
/** @param {number} seq @param {object} fields @returns {any} */
const op = (seq, fields) => ({ seq, author: 'a', opId: `o${seq}`, at: 0, kind: 'add', ...fields });
const ops = [
  op(1, { markup: { id: 's', type: 'stroke', color: '#ff0000', width: 4, points: [[0.1, 0.1]], anchor } }),
  op(2, { kind: 'update', markupId: 's', points: [[0.2, 0.2]] }),
  op(3, { markup: { id: 'a', type: 'arrow', color: '#00ff00', width: 4, points: [[0, 0], [0.5, 0.5]], anchor } }),
  op(4, { kind: 'update', markupId: 's', points: [[0.3, 0.3], [0.4, 0.4]] }),
  op(5, { kind: 'move', markupId: 'a', dx: 0.25, dy: 0 }),
  op(6, { kind: 'undo', target: 3, hide: ['a'] }),
  op(7, { kind: 'redo', target: 3, show: ['a'] }),
  op(8, { kind: 'delete', hide: ['s'] }),
];

test('markup log: ops in order give the drawn state', () => {
  const log = new MarkupLog();
  log.offerAll(ops.slice(0, 5));
  assertEquals(log.visible().map((m) => [m.id, m.points]),
    [['s', [[0.1, 0.1], [0.2, 0.2], [0.3, 0.3], [0.4, 0.4]]], ['a', [[0.25, 0], [0.75, 0.5]]]]);
  log.offerAll(ops.slice(5));
  assertEquals(log.visible().map((m) => m.id), ['a']);
  assertEquals(log.lastSeq, 8);
});

test('markup log: duplicated and reordered delivery lands in the same state', () => {
  const inOrder = new MarkupLog();
  inOrder.offerAll(ops);
  const scrambled = new MarkupLog();
  const shuffled = [ops[4], ops[1], ops[1], ops[7], ops[0], ops[3], ops[2], ops[6], ops[5], ops[0], ops[4]];
  const applied = shuffled.flatMap((o) => scrambled.offer(o));
  assertEquals(applied.map((o) => o.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
  assertEquals(scrambled.visible(), inOrder.visible());
  assertEquals(scrambled.lastSeq, 8);
});

test('markup log: a snapshot replaces the state and later ops follow on', () => {
  const log = new MarkupLog();
  log.offer(op(10, { kind: 'delete', hide: ['x'] }));
  log.reset({ seq: 9, markups: [{ id: 'x', type: 'step', color: '#ffffff', width: 2, points: [[0.5, 0.5]], number: 1, anchor }], hidden: [] });
  assertEquals(log.visible(), []);
  assertEquals(log.lastSeq, 10);
});

test('outbox: keeps ops until answered, oldest first', () => {
  const box = new Outbox();
  box.add({ opId: '1', kind: 'clear' });
  box.add({ opId: '2', kind: 'undo' });
  box.add({ opId: '3', kind: 'redo' });
  box.settle('2');
  assertEquals(box.unsettled().map((o) => o.opId), ['1', '3']);
});
