// @ts-check
import { smooth, thin } from '/js/annotation/smoothing.js';
import { assertEquals, test } from './harness.js';

test('smoothing: thin drops points closer than the minimum distance', () => {
  assertEquals(thin([[0, 0], [0.001, 0], [0.02, 0], [0.021, 0], [0.05, 0]], 0.01), [[0, 0], [0.02, 0], [0.05, 0]]);
  assertEquals(thin([[0.5, 0.5], [0.6, 0.5]], 0.01, [0.5, 0.5]), [[0.6, 0.5]]);
});

test('smoothing: Chaikin keeps both ends and cuts the corner', () => {
  const line = smooth([[0, 0], [1, 0], [1, 1]], 1);
  assertEquals(line, [[0, 0], [0.25, 0], [0.75, 0], [1, 0.25], [1, 0.75], [1, 1]]);
  assertEquals(smooth([[0, 0], [1, 1]]), [[0, 0], [1, 1]]);
  assertEquals(smooth([[0, 0], [1, 0], [1, 1]], 2).length, 12);
});
