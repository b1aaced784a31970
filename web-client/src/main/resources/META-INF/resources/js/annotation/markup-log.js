// @ts-check
/**
 * A client's copy of a session's markups: committed ops go in in any order and any number of times
 * and are applied once each in seq order, so every client that saw the same ops shows the same
 * markups; plus the outbox of the client's own ops until the server commits or rejects them.
 * No DOM access.
 * @module annotation/markup-log
 */

/**
 * @typedef {[number, number]} Point
 * @typedef {{id: string, type: string, color: string, width: number, points: Point[], text?: string,
 *   number?: number, anchor: {track: string, frameTs: number}}} Markup
 * @typedef {{seq: number, author: string, opId: string, at: number, kind: string, target?: number,
 *   markup?: Markup, markupId?: string, points?: Point[], dx?: number, dy?: number, hide?: string[],
 *   show?: string[]}} CommittedOp
 * @typedef {{opId: string, kind: string, markup?: Markup, markupId?: string, points?: Point[],
 *   dx?: number, dy?: number}} ClientOp
 */

export class MarkupLog {
  constructor() {
    /** @type {Map<string, Markup>} in drawing order */
    this.markups = new Map();
    /** @type {Set<string>} */
    this.hidden = new Set();
    /** @type {Map<number, CommittedOp>} ops that arrived ahead of a gap */
    this.early = new Map();
    this.lastSeq = 0;
  }

  /**
   * Takes a committed op; applies it and any held ones it unblocks.
   * @param {CommittedOp} op
   * @returns {CommittedOp[]} the ops applied now, in seq order
   */
  offer(op) {
    if (op.seq <= this.lastSeq) {
      return [];
    }
    this.early.set(op.seq, op);
    /** @type {CommittedOp[]} */
    const applied = [];
    for (let next = this.early.get(this.lastSeq + 1); next; next = this.early.get(this.lastSeq + 1)) {
      this.early.delete(next.seq);
      this.apply(next);
      applied.push(next);
    }
    return applied;
  }

  /**
   * @param {CommittedOp[]} ops
   * @returns {CommittedOp[]}
   */
  offerAll(ops) {
    return ops.flatMap((op) => this.offer(op));
  }

  /**
   * Replaces the state with a snapshot's.
   * @param {{seq: number, markups: Markup[], hidden: Markup[]}} snapshot
   */
  reset(snapshot) {
    this.markups = new Map();
    this.hidden = new Set();
    for (const m of snapshot.markups) {
      this.markups.set(m.id, copy(m));
    }
    for (const m of snapshot.hidden) {
      this.markups.set(m.id, copy(m));
      this.hidden.add(m.id);
    }
    for (const seq of [...this.early.keys()]) {
      if (seq <= snapshot.seq) {
        this.early.delete(seq);
      }
    }
    this.lastSeq = snapshot.seq;
    // ops held beyond the snapshot may now follow on
    const next = this.early.get(this.lastSeq + 1);
    if (next) {
      this.early.delete(next.seq);
      this.offer(next);
    }
  }

  /** @param {CommittedOp} op */
  apply(op) {
    if (op.markup) {
      this.markups.set(op.markup.id, copy(op.markup));
    }
    const target = op.markupId ? this.markups.get(op.markupId) : undefined;
    if (target && op.points) {
      target.points.push(...op.points.map((p) => /** @type {Point} */ ([p[0], p[1]])));
    }
    if (target && typeof op.dx === 'number' && typeof op.dy === 'number') {
      const { dx, dy } = op;
      target.points = target.points.map((p) => /** @type {Point} */ ([p[0] + dx, p[1] + dy]));
    }
    (op.hide ?? []).forEach((id) => this.hidden.add(id));
    (op.show ?? []).forEach((id) => this.hidden.delete(id));
    this.lastSeq = op.seq;
  }

  /** @returns {Markup[]} the visible markups in drawing order */
  visible() {
    return [...this.markups.values()].filter((m) => !this.hidden.has(m.id));
  }
}

/**
 * The client's own ops from the moment they are made until the server answers: resent in order,
 * with the same ids, after a reconnect.
 */
export class Outbox {
  constructor() {
    /** @type {ClientOp[]} */
    this.pending = [];
  }

  /** @param {ClientOp} op */
  add(op) {
    this.pending.push(op);
  }

  /**
   * The server answered (commit or reject): the op leaves the outbox.
   * @param {string} opId
   */
  settle(opId) {
    this.pending = this.pending.filter((op) => op.opId !== opId);
  }

  /** @returns {ClientOp[]} what to push again after a reconnect, oldest first */
  unsettled() {
    return [...this.pending];
  }
}

/**
 * @param {Markup} m
 * @returns {Markup}
 */
function copy(m) {
  return { ...m, points: m.points.map((p) => /** @type {Point} */ ([p[0], p[1]])) };
}
