// @ts-check
/**
 * The state of one participant's call, shared by the customer page and the agent console.
 * A plain state machine without DOM: pages feed it events and render whatever state it is in.
 * @module call-state
 */

/**
 * @typedef {'idle' | 'starting' | 'connecting' | 'waiting' | 'negotiating' | 'live'
 *   | 'interrupted' | 'ended' | 'failed'} CallStateName
 */

/**
 * @typedef {'start' | 'signalingOpen' | 'sessionReady' | 'offer' | 'mediaConnected'
 *   | 'mediaInterrupted' | 'end' | 'fail'} CallEvent
 */

/**
 * Allowed transitions: from a state, an event leads to the next state. Events that a state does
 * not list leave it unchanged, so late or duplicate events from the network are harmless.
 * @type {Readonly<Record<CallStateName, Partial<Record<CallEvent, CallStateName>>>>}
 */
const TRANSITIONS = {
  idle: { start: 'starting', signalingOpen: 'connecting', end: 'ended', fail: 'failed' },
  starting: { signalingOpen: 'connecting', end: 'ended', fail: 'failed' },
  connecting: { sessionReady: 'waiting', offer: 'negotiating', end: 'ended', fail: 'failed' },
  waiting: { offer: 'negotiating', mediaConnected: 'live', end: 'ended', fail: 'failed' },
  negotiating: { mediaConnected: 'live', mediaInterrupted: 'interrupted', end: 'ended', fail: 'failed' },
  live: { mediaInterrupted: 'interrupted', end: 'ended', fail: 'failed' },
  interrupted: { mediaConnected: 'live', offer: 'negotiating', end: 'ended', fail: 'failed' },
  ended: {},
  failed: { end: 'ended' },
};

/** What a person reads for each state. */
export const STATE_LABELS = Object.freeze({
  idle: 'Not started',
  starting: 'Starting camera and microphone…',
  connecting: 'Connecting to the server…',
  waiting: 'Waiting for the other side…',
  negotiating: 'Connecting video…',
  live: 'Live',
  interrupted: 'Connection interrupted, trying to recover…',
  ended: 'Call ended',
  failed: 'Something went wrong',
});

/** A call's state with change listeners; feed it events with {@link CallState#dispatch}. */
export class CallState {
  constructor() {
    /** @type {CallStateName} */
    this.name = 'idle';
    /** @type {Set<(name: CallStateName, previous: CallStateName) => void>} */
    this.listeners = new Set();
  }

  /**
   * Applies an event; listeners hear about it only if the state changed.
   * @param {CallEvent} event
   * @returns {CallStateName} the state after the event
   */
  dispatch(event) {
    const next = TRANSITIONS[this.name][event];
    if (next && next !== this.name) {
      const previous = this.name;
      this.name = next;
      for (const listener of this.listeners) {
        listener(next, previous);
      }
    }
    return this.name;
  }

  /** @returns {boolean} true once the call can no longer change (ended or failed) */
  get finished() {
    return this.name === 'ended' || this.name === 'failed';
  }

  /**
   * @param {(name: CallStateName, previous: CallStateName) => void} listener
   */
  subscribe(listener) {
    this.listeners.add(listener);
  }
}
