// @ts-check
/**
 * The queue as the pages show it, without DOM: the waiting customer's place and estimated wait in
 * words, and the agent console's copy of the queue and the board, kept from `queue.snapshot` and
 * `queue.update`. Times are parameters so tests can fix them.
 * @module queue-view
 */

import { t } from './i18n.js';

/**
 * One waiting customer as `queue.snapshot` and `queue.update` carry it.
 * @typedef {{ticketId: string, name: string, joinedAt: number, priority: number, state: string,
 *   ticket: {category: string, language: string, tier: string, severity: string, product?: string,
 *   orderNumber?: string, description?: string, repeatContact?: boolean}}} QueueItem
 */

/**
 * One signed-in agent on the board.
 * @typedef {{agentId: string, name: string, availability: string, languages: string[],
 *   categories: string[], sessions: number, capacity: number}} AgentInfo
 */

/**
 * A duration for people, in the page's language: "less than a minute", "about 1 minute",
 * "about 7 minutes", "about 2 hours" (in English; see the `duration.*` keys).
 * @param {number} ms
 * @param {(key: string, params?: Record<string, string | number>) => string} [tr] lookup, the page's by default
 * @returns {string}
 */
export function roughDuration(ms, tr = t) {
  const minutes = Math.round(ms / 60000);
  if (ms < 45000) {
    return tr('duration.lessThanMinute');
  }
  if (minutes < 90) {
    return minutes <= 1 ? tr('duration.oneMinute') : tr('duration.minutes', { minutes });
  }
  return tr('duration.hours', { hours: Math.round(minutes / 60) });
}

/**
 * A waiting time on a clock: "0:42", "12:05", "1:02:03".
 * @param {number} ms
 * @returns {string}
 */
export function clockDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * What the waiting customer reads about its place, in the page's language.
 * @param {{state: string, position: number, estimatedWaitMs?: number | null, agentsOnline: number}} status
 * @param {(key: string, params?: Record<string, string | number>) => string} [tr] lookup, the page's by default
 * @returns {{headline: string, detail: string}}
 */
export function describeQueueStatus(status, tr = t) {
  if (status.state === 'ringing') {
    return { headline: tr('queue.ringing'), detail: tr('queue.keepOpen') };
  }
  const headline = status.position <= 1 ? tr('queue.next') : tr('queue.position', { position: status.position });
  if (status.estimatedWaitMs === undefined || status.estimatedWaitMs === null || status.agentsOnline === 0) {
    return { headline, detail: tr('queue.noAgent') };
  }
  if (status.estimatedWaitMs === 0) {
    return { headline, detail: tr('queue.soon') };
  }
  return { headline, detail: tr('queue.wait', { wait: roughDuration(status.estimatedWaitMs, tr) }) };
}

/**
 * The agent console's copy of its view of the queue (the most urgent customers in its languages)
 * and of the board.
 */
export class QueueModel {
  constructor() {
    /** How many customers wait in the agent's languages, shown or not. */
    this.waiting = 0;
    /** @type {Map<string, QueueItem>} */
    this.entries = new Map();
    /** @type {Map<string, AgentInfo>} */
    this.agents = new Map();
  }

  /**
   * Replaces everything with a `queue.snapshot`.
   * @param {{entries?: QueueItem[], waiting?: number, agents?: AgentInfo[]}} snapshot
   */
  reset(snapshot) {
    this.waiting = snapshot.waiting ?? (snapshot.entries ?? []).length;
    this.entries = new Map((snapshot.entries ?? []).map((e) => [e.ticketId, e]));
    this.agents = new Map((snapshot.agents ?? []).map((a) => [a.agentId, a]));
  }

  /**
   * Applies a `queue.update`.
   * @param {{changed?: QueueItem[], removed?: string[], waiting?: number, agents?: AgentInfo[],
   *   agentsGone?: string[]}} update
   */
  apply(update) {
    if (typeof update.waiting === 'number') {
      this.waiting = update.waiting;
    }
    for (const item of update.changed ?? []) {
      this.entries.set(item.ticketId, item);
    }
    for (const id of update.removed ?? []) {
      this.entries.delete(id);
    }
    for (const agent of update.agents ?? []) {
      this.agents.set(agent.agentId, agent);
    }
    for (const id of update.agentsGone ?? []) {
      this.agents.delete(id);
    }
  }

  /**
   * The waiting customers, most urgent first (the server's priority when it last sent each one,
   * then who came first).
   * @returns {QueueItem[]}
   */
  ordered() {
    return [...this.entries.values()].sort((a, b) => (b.priority - a.priority) || (a.joinedAt - b.joinedAt));
  }

  /** @returns {AgentInfo[]} the board, by name */
  board() {
    return [...this.agents.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
