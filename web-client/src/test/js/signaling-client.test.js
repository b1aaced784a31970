// @ts-check
import { SignalingClient, SignalingError, signalingUrl } from '/js/signaling-client.js';
import { assertEquals, assertTrue, test } from './harness.js';

/** A WebSocket stand-in that records what the client sends and lets the test answer. */
class FakeSocket {
  /** @type {FakeSocket[]} */
  static created = [];

  /** @param {string} url */
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    /** @type {any[]} */
    this.sent = [];
    /** @type {any} */ this.onopen = null;
    /** @type {any} */ this.onmessage = null;
    /** @type {any} */ this.onclose = null;
    /** @type {any} */ this.onerror = null;
    FakeSocket.created.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  /** @param {string} text */
  send(text) {
    this.sent.push(JSON.parse(text));
  }

  /** @param {object} message */
  deliver(message) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** @param {number} [code] */
  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** @param {number} [requestTimeoutMs] */
async function connected(requestTimeoutMs = 1000) {
  const client = new SignalingClient('ws://test/ws', { webSocket: /** @type {any} */ (FakeSocket), pingIntervalMs: 0, requestTimeoutMs });
  await client.connect();
  return { client, socket: FakeSocket.created[FakeSocket.created.length - 1] };
}

test('signaling: ws and wss URLs follow the page', () => {
  assertEquals(signalingUrl({ protocol: 'https:', host: 'a.example:8443' }), 'wss://a.example:8443/ws');
  assertEquals(signalingUrl({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws');
});

test('signaling: a request resolves with the message that replies to its id', async () => {
  const { client, socket } = await connected();
  const reply = client.request('hello', { v: 1, role: 'agent', name: 'A' });
  const sent = socket.sent[0];
  assertEquals([sent.type, sent.v, sent.role, sent.name], ['hello', 1, 'agent', 'A']);
  socket.deliver({ type: 'welcome', replyTo: sent.id, v: 1, participantId: 'p1' });
  assertEquals((await reply).participantId, 'p1');
});

test('signaling: an error reply rejects with its code', async () => {
  const { client, socket } = await connected();
  const reply = client.request('session.join', { code: 'X' });
  socket.deliver({ type: 'error', replyTo: socket.sent[0].id, code: 'invalid_code', message: 'Unknown code' });
  try {
    await reply;
    throw new Error('expected a rejection');
  } catch (e) {
    assertTrue(e instanceof SignalingError, 'a SignalingError');
    assertEquals(/** @type {SignalingError} */ (e).code, 'invalid_code');
  }
});

test('signaling: pushed messages go to the handlers of their type', async () => {
  const { client, socket } = await connected();
  /** @type {number[]} */
  const revisions = [];
  client.on('media.offer', (m) => revisions.push(m.revision));
  socket.deliver({ type: 'media.offer', revision: 2, sdp: 'v=0' });
  socket.deliver({ type: 'pong' });
  assertEquals(revisions, [2]);
});

test('signaling: a closed connection fails pending requests and tells the close handlers', async () => {
  const { client, socket } = await connected();
  /** @type {string[]} */
  const closes = [];
  client.onClose((reason) => closes.push(reason.code));
  const reply = client.request('media.join');
  socket.close(1006);
  try {
    await reply;
    throw new Error('expected a rejection');
  } catch (e) {
    assertEquals(/** @type {SignalingError} */ (e).code, 'connection.closed');
  }
  assertEquals(closes, ['connection.closed']);
});

test('signaling: an unanswered request times out', async () => {
  const { client } = await connected(20);
  try {
    await client.request('ping');
    throw new Error('expected a rejection');
  } catch (e) {
    assertEquals(/** @type {SignalingError} */ (e).code, 'timeout');
  }
});

test('signaling: pings keep within the idle timeout the server announced', async () => {
  const client = new SignalingClient('ws://test/ws', { webSocket: /** @type {any} */ (FakeSocket), pingIntervalMs: 20000 });
  await client.connect();
  client.adoptLimits({ type: 'welcome', idleTimeoutMs: 30000 });
  assertEquals(client.pingIntervalMs, 10000);
  client.close();
});
