// @ts-check
import { ChatLog } from '/js/chat-panel.js';
import { ResumeStore } from '/js/call-state.js';
import { agentName, englishSessionText } from '/js/session-extras.js';
import { shortcutFor } from '/js/shortcuts.js';
import { assertEquals, assertTrue, test } from './harness.js';

/** @param {string} key @param {object} [mods] */
const press = (key, mods = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

test('shortcuts: letters pick tools, digits colours, and typing is left alone', () => {
  assertEquals(shortcutFor(press('a'), 'BODY', false), { kind: 'tool', value: 'arrow' });
  assertEquals(shortcutFor(press('C'), 'BODY', false), { kind: 'tool', value: 'ellipse' });
  assertEquals(shortcutFor(press('r'), 'BUTTON', false), { kind: 'tool', value: 'rectangle' });
  assertEquals(shortcutFor(press('n'), 'BODY', false), { kind: 'tool', value: 'step' });
  assertEquals(shortcutFor(press('l'), 'BODY', false), { kind: 'tool', value: 'pointer' });
  assertEquals(shortcutFor(press('3'), 'BODY', false), { kind: 'color', value: '#34c759' });
  assertEquals(shortcutFor(press('a'), 'INPUT', false), null);
  assertEquals(shortcutFor(press('a'), 'TEXTAREA', false), null);
  assertEquals(shortcutFor(press('a'), 'DIV', true), null);
  assertEquals(shortcutFor(press('a', { altKey: true }), 'BODY', false), null);
});

test('shortcuts: undo, redo, clear, freeze, snapshot and help', () => {
  assertEquals(shortcutFor(press('z', { ctrlKey: true }), 'BODY', false), { kind: 'undo' });
  assertEquals(shortcutFor(press('Z', { ctrlKey: true, shiftKey: true }), 'BODY', false), { kind: 'redo' });
  assertEquals(shortcutFor(press('y', { metaKey: true }), 'BODY', false), { kind: 'redo' });
  assertEquals(shortcutFor(press('c', { ctrlKey: true }), 'BODY', false), null, 'copy stays copy');
  assertEquals(shortcutFor(press('X', { shiftKey: true }), 'BODY', false), { kind: 'clear' });
  assertEquals(shortcutFor(press('x'), 'BODY', false), null);
  assertEquals(shortcutFor(press(' '), 'BODY', false), { kind: 'freeze' });
  assertEquals(shortcutFor(press(' '), 'BUTTON', false), null, 'space presses the focused button instead');
  assertEquals(shortcutFor(press('s'), 'BODY', false), { kind: 'snapshot' });
  assertEquals(shortcutFor(press('?', { shiftKey: true }), 'BODY', false), { kind: 'help' });
  assertEquals(shortcutFor(press('/'), 'BODY', false), { kind: 'chat' });
});

test('chat: messages stay in time order without duplicates', () => {
  const log = new ChatLog();
  const m = (id, at) => ({ messageId: id, from: 'p', name: 'Ana', role: 'agent', text: id, at });
  assertTrue(log.add(m('b', 2)), 'new');
  assertTrue(!log.add(m('b', 2)), 'own reply and push are one message');
  log.addAll([m('a', 1), m('b', 2), m('c', 3)]);
  assertEquals(log.messages.map((x) => x.messageId), ['a', 'b', 'c']);
});

test('session extras: the agent is named, texts fall back to English', () => {
  assertEquals(agentName([{ role: 'customer', name: 'Carla' }, { role: 'agent', name: 'Ana' }]), 'Ana');
  assertEquals(agentName([]), null);
  assertEquals(englishSessionText('session.frozen'), 'The agent paused the picture to show you something.');
  assertEquals(englishSessionText('chat.send'), 'Send');
});

test('resume store: keeps the token for the tab and forgets it', () => {
  /** @type {Map<string, string>} */
  const values = new Map();
  const storage = /** @type {Storage} */ (/** @type {unknown} */ ({
    getItem: (k) => values.get(k) ?? null, setItem: (k, v) => values.set(k, v), removeItem: (k) => values.delete(k),
  }));
  const store = new ResumeStore(storage, 'agent');
  assertEquals(store.load(), null);
  store.save('r-1', 60000);
  assertEquals(new ResumeStore(storage, 'agent').load(), 'r-1');
  assertEquals(new ResumeStore(storage, 'customer.x').load(), null);
  store.save(null);
  assertEquals(store.load(), null);
});
