// @ts-check
/**
 * Freehand strokes: thinning of the raw pen positions and Chaikin corner cutting for drawing them
 * smooth. Pure functions on `[x, y]` arrays; no DOM access.
 * @module annotation/smoothing
 */

/** @typedef {[number, number]} Point */

/**
 * Drops points closer than `minDistance` to the last kept one (a pen at rest sends many); the
 * first point is always kept.
 * @param {Point[]} points
 * @param {number} minDistance in the points' units
 * @param {Point | null} [previous] the last point already kept, when continuing a stroke
 * @returns {Point[]}
 */
export function thin(points, minDistance, previous = null) {
  /** @type {Point[]} */
  const kept = [];
  let last = previous;
  for (const p of points) {
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minDistance) {
      kept.push(p);
      last = p;
    }
  }
  return kept;
}

/**
 * Chaikin corner cutting: each pass replaces every segment by points at 1/4 and 3/4 of it,
 * keeping both ends, so the line keeps its start and end but loses the jitter of the pen.
 * @param {Point[]} points
 * @param {number} [passes]
 * @returns {Point[]}
 */
export function smooth(points, passes = 2) {
  let line = points;
  for (let pass = 0; pass < passes && line.length > 2; pass++) {
    /** @type {Point[]} */
    const next = [line[0]];
    for (let i = 0; i < line.length - 1; i++) {
      const [ax, ay] = line[i];
      const [bx, by] = line[i + 1];
      next.push([0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by]);
      next.push([0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by]);
    }
    next.push(line[line.length - 1]);
    line = next;
  }
  return line;
}
