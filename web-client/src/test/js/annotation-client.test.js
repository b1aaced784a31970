// @ts-check
import { AnnotationClient } from '/js/annotation/annotation-client.js';
import { assertEquals, test } from './harness.js';

/** A WebSocket stand-in that records what the client sends. */
class FakeSocket extends EventTarget {
  constructor() {
    super();
    /** @type {any[]} */
    this.sent = [];
    this.readyState = 0;
  }

  /** @param {string} text */
  send(text) {
    this.sent.push(JSON.parse(text));
  }

  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** @param {object} message */
  deliver(message) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  close() {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

test('annotation client: ops made while disconnected go out once after the rejoin, with their ids', () => {
  /** @type {FakeSocket[]} */
  const sockets = [];
  /** @type {(() => void)[]} */
  const timers = [];
  const client = new AnnotationClient({
    url: 'ws://x/annotations', sessionId: 's', participantId: 'p', token: 't',
    webSocket: () => { const s = new FakeSocket(); sockets.push(s); return /** @type {any} */ (s); },
    random: () => 0.5,
    setTimer: (f) => timers.push(f),
  });
  client.connect();
  sockets[0].open();
  assertEquals(sockets[0].sent[0], { type: 'join', v: 1, sessionId: 's', participantId: 'p', token: 't', lastSeq: 0 });
  sockets[0].deliver({ type: 'joined', canDraw: true, customerMayDraw: false, lastSeq: 0 });
  sockets[0].deliver({ type: 'ops', ops: [] });
  const first = client.push({ kind: 'clear' });
  assertEquals(sockets[0].sent.length, 2);
  sockets[0].deliver({ type: 'ops', ops: [{ seq: 1, author: 'p', opId: first, at: 0, kind: 'clear', hide: [] }] });
  sockets[0].close();
  const offline = client.push({ kind: 'undo' });
  timers.shift()?.();
  sockets[1].open();
  assertEquals(sockets[1].sent[0].lastSeq, 1);
  sockets[1].deliver({ type: 'joined', canDraw: true, customerMayDraw: false, lastSeq: 1 });
  sockets[1].deliver({ type: 'ops', ops: [] });
  sockets[1].deliver({ type: 'ops', ops: [] });
  assertEquals(sockets[1].sent.slice(1).map((m) => m.opId), [first, offline]);
  sockets[1].deliver({ type: 'commit', opId: first, seq: 1 });
  sockets[1].deliver({ type: 'reject', opId: offline, code: 'nothing_to_undo', message: '' });
  assertEquals(client.outbox.unsettled(), []);
});
