// @ts-check
import { CallState } from '/js/call-state.js';
import { assertEquals, assertTrue, test } from './harness.js';

test('call-state: the happy path of a call', () => {
  const state = new CallState();
  /** @type {string[]} */
  const seen = [];
  state.subscribe((name) => seen.push(name));
  for (const event of /** @type {const} */ (['start', 'signalingOpen', 'sessionReady', 'offer', 'mediaConnected', 'end'])) {
    state.dispatch(event);
  }
  assertEquals(seen, ['starting', 'connecting', 'waiting', 'negotiating', 'live', 'ended']);
  assertTrue(state.finished, 'an ended call is finished');
});

test('call-state: a re-offer during a live call keeps it live', () => {
  const state = new CallState();
  ['start', 'signalingOpen', 'sessionReady', 'offer', 'mediaConnected'].forEach((e) => state.dispatch(/** @type {any} */ (e)));
  assertEquals(state.dispatch('offer'), 'live');
});

test('call-state: interruption and recovery', () => {
  const state = new CallState();
  ['start', 'signalingOpen', 'sessionReady', 'offer', 'mediaConnected', 'mediaInterrupted'].forEach((e) => state.dispatch(/** @type {any} */ (e)));
  assertEquals(state.name, 'interrupted');
  assertEquals(state.dispatch('mediaConnected'), 'live');
});

test('call-state: nothing leaves the ended state', () => {
  const state = new CallState();
  state.dispatch('end');
  assertEquals(state.dispatch('mediaConnected'), 'ended');
  assertEquals(state.dispatch('fail'), 'ended');
});
