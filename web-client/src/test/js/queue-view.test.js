// @ts-check
import { QueueModel, clockDuration, describeQueueStatus, roughDuration } from '/js/queue-view.js';
import { loadTranslator } from '/js/i18n.js';
import { assertEquals, assertTrue, test } from './harness.js';

const english = await loadTranslator('en');
/** @type {(key: string, params?: Record<string, string | number>) => string} */
const en = (key, params) => english.t(key, params);

test('queue-view: waits read as people say them', () => {
  assertEquals(roughDuration(20000, en), 'less than a minute');
  assertEquals(roughDuration(60000, en), 'about 1 minute');
  assertEquals(roughDuration(7 * 60000 + 10000, en), 'about 7 minutes');
  assertEquals(roughDuration(150 * 60000, en), 'about 3 hours');
});

test('queue-view: the customer reads its place in its own language', async () => {
  const german = await loadTranslator('de');
  const de = (/** @type {string} */ key, /** @type {any} */ params) => german.t(key, params);
  assertEquals(describeQueueStatus({ state: 'waiting', position: 1234, estimatedWaitMs: 7 * 60000, agentsOnline: 1 }, de),
    { headline: 'Sie sind an Position 1.234 der Warteschlange.', detail: 'Geschätzte Wartezeit: etwa 7 Minuten.' });
  assertEquals(german.misses.size, 0);
});

test('queue-view: waiting times read as clocks', () => {
  assertEquals(clockDuration(42000), '0:42');
  assertEquals(clockDuration(12 * 60000 + 5000), '12:05');
  assertEquals(clockDuration(3723000), '1:02:03');
  assertEquals(clockDuration(-5), '0:00');
});

test('queue-view: the customer reads its place and wait', () => {
  assertEquals(describeQueueStatus({ state: 'waiting', position: 3, estimatedWaitMs: 240000, agentsOnline: 2 }, en),
    { headline: 'You are number 3 in line.', detail: 'Estimated wait: about 4 minutes.' });
  assertEquals(describeQueueStatus({ state: 'waiting', position: 1, estimatedWaitMs: 0, agentsOnline: 1 }, en).headline,
    'You are next in line.');
  assertEquals(describeQueueStatus({ state: 'waiting', position: 12, estimatedWaitMs: 60000, agentsOnline: 1 }, en),
    { headline: 'You are number 12 in line.', detail: 'Estimated wait: about 1 minute.' });
  assertTrue(describeQueueStatus({ state: 'waiting', position: 2, agentsOnline: 0 }, en).detail.includes('No agent'),
    'no agent for the language');
  assertTrue(describeQueueStatus({ state: 'ringing', position: 1, estimatedWaitMs: 0, agentsOnline: 1 }, en).headline
    .includes('being connected'), 'ringing');
});

test('queue-view: the console keeps the queue from a snapshot and updates', () => {
  const model = new QueueModel();
  const item = (id, priority, joinedAt, state = 'waiting') => ({
    ticketId: id, name: id, joinedAt, priority, state,
    ticket: { category: 'phones', language: 'en', tier: 'standard', severity: 'normal' },
  });
  model.reset({ entries: [item('a', 0.1, 1), item('b', 0.9, 2)], waiting: 7, agents: [
    { agentId: 'z', name: 'Zoe', availability: 'available', languages: ['en'], categories: [], sessions: 0, capacity: 1 },
    { agentId: 'y', name: 'Ann', availability: 'away', languages: ['en'], categories: [], sessions: 0, capacity: 1 }] });
  assertEquals(model.ordered().map((e) => e.ticketId), ['b', 'a']);
  assertEquals(model.waiting, 7);
  model.apply({ changed: [item('c', 0.9, 1), item('a', 0.1, 1, 'ringing')], removed: ['b'], waiting: 6, agentsGone: ['z'] });
  assertEquals(model.waiting, 6);
  assertEquals(model.ordered().map((e) => `${e.ticketId}:${e.state}`), ['c:waiting', 'a:ringing']);
  assertEquals(model.board().map((a) => a.name), ['Ann']);
});
