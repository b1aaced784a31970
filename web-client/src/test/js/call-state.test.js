// @ts-check
import { Call, CallState } from '/js/call-state.js';
import { SignalingClient } from '/js/signaling-client.js';
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

/**
 * A WebSocket class that plays the server: every request is answered with what `replies` gives
 * for its type (nothing when it gives nothing); `sockets` collects the sockets made.
 * @param {Record<string, (m: any) => object>} replies
 */
function server(replies) {
  /** @type {any[]} */
  const sockets = [];
  class ServerSocket {
    constructor() {
      this.readyState = 0;
      /** @type {any[]} */
      this.sent = [];
      /** @type {any} */ this.onopen = null;
      /** @type {any} */ this.onmessage = null;
      /** @type {any} */ this.onclose = null;
      /** @type {any} */ this.onerror = null;
      sockets.push(this);
      queueMicrotask(() => {
        this.readyState = 1;
        this.onopen?.({});
      });
    }

    /** @param {string} text */
    send(text) {
      const message = JSON.parse(text);
      this.sent.push(message);
      const reply = replies[message.type]?.(message);
      if (reply) {
        queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ ...reply, replyTo: message.id }) }));
      }
    }

    /** @param {number} [code] */
    close(code = 1000) {
      if (this.readyState !== 3) {
        this.readyState = 3;
        this.onclose?.({ code });
      }
    }
  }
  return { ServerSocket, sockets };
}

const OFFER = { type: 'media.offer', revision: 1, sdp: 'v=0\r\n', uplink: {} };

/** A server that lets a customer join session s1 and offers media. */
const JOINING = {
  hello: () => ({ type: 'welcome', v: 2 }),
  'session.join': () => ({ type: 'session.joined', sessionId: 's1' }),
  'media.join': () => OFFER,
  'media.answer': () => ({ type: 'ack' }),
};

/** A peer connection stand-in with no transceivers; `change` sets its connection state. */
function fakePeerConnection() {
  const pc = {
    connectionState: 'new',
    /** @type {any} */ localDescription: null,
    /** @type {any} */ ontrack: null,
    /** @type {any} */ onconnectionstatechange: null,
    /** @type {any} */ oniceconnectionstatechange: null,
    setRemoteDescription: async () => {},
    getTransceivers: () => [],
    createAnswer: async () => ({ type: 'answer', sdp: 'answer' }),
    /** @param {any} description */
    setLocalDescription: async (description) => { pc.localDescription = description; },
    close: () => {},
    /** @param {string} state */
    change: (state) => {
      pc.connectionState = state;
      pc.onconnectionstatechange?.();
    },
    iceConnectionState: 'new',
    restarts: 0,
    restartIce: () => { pc.restarts += 1; },
    /** @param {string} state */
    ice: (state) => {
      pc.iceConnectionState = state;
      pc.oniceconnectionstatechange?.();
    },
  };
  return pc;
}

/**
 * A call to connect to a fake server, with a fake peer connection.
 * @param {Record<string, (m: any) => object>} replies
 */
function openCall(replies) {
  /** @type {string[]} */
  const shown = [];
  const call = new Call('customer', (text) => shown.push(text));
  const { ServerSocket, sockets } = server(replies);
  const pc = fakePeerConnection();
  const signaling = new SignalingClient('ws://test/ws', { webSocket: /** @type {any} */ (ServerSocket), pingIntervalMs: 0 });
  const join = () => call.connect(signaling, {
    token: 'invite-token',
    name: 'Customer',
    enter: async () => (await signaling.request('session.join')).sessionId,
    localStream: null,
    onTrack: () => {},
    mediaFailure: 'The media connection failed.',
    createPeerConnection: () => /** @type {any} */ (pc),
  });
  return { call, shown, sockets, pc, join };
}

/** @param {Call} call */
const events = (call) => call.timeline.map((entry) => entry.event);

test('call: joining says hello, enters the session and answers the offer for it', async () => {
  const { call, sockets, pc, join } = openCall(JOINING);
  assertTrue(await join(), 'joined');
  pc.change('connected');
  assertEquals(sockets[0].sent.map((/** @type {any} */ m) => m.type), ['hello', 'session.join', 'media.join', 'media.answer']);
  assertEquals([sockets[0].sent[0].v, sockets[0].sent[0].token], [2, 'invite-token'], 'version and token in hello');
  assertEquals(sockets[0].sent[2].sessionId, 's1', 'session of media.join');
  assertEquals([sockets[0].sent[3].revision, sockets[0].sent[3].sessionId], [1, 's1'], 'answer');
  assertEquals(events(call), ['state:connecting', 'state:waiting', 'state:negotiating', 'media:connecting', 'media:connected', 'state:live']);
  assertEquals(call.errors, []);
});

test('call: a refused step is shown and fails the call', async () => {
  const { call, shown, join } = openCall({
    ...JOINING,
    'session.join': () => ({ type: 'error', code: 'invalid_code', message: 'Unknown code' }),
  });
  assertEquals(await join(), false, 'joined');
  assertEquals(call.state.name, 'failed');
  assertEquals(call.errors, ['Unknown code (invalid_code)']);
  assertEquals(shown, call.errors, 'shown');
});

test('call: a connection lost during the call fails it and closes the media', async () => {
  const { call, sockets, join } = openCall(JOINING);
  await join();
  sockets[0].close(1006);
  assertEquals(call.state.name, 'failed');
  assertEquals(call.errors, ['Connection to the server closed (1006)']);
  assertEquals(call.media?.connectionState, 'closed', 'media');
});

test('call: pushed offers are answered, pushed errors shown, and a failed media connection shows the page\'s text', async () => {
  const { call, sockets, pc, join } = openCall(JOINING);
  await join();
  sockets[0].onmessage({ data: JSON.stringify({ type: 'error', code: 'too_big', message: 'Too big' }) });
  sockets[0].onmessage({ data: JSON.stringify({ ...OFFER, revision: 2 }) });
  assertTrue(events(call).includes('offer:2'), 'offer marked');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const answer = sockets[0].sent[sockets[0].sent.length - 1];
  assertEquals([answer.type, answer.revision], ['media.answer', 2], 'answer');
  pc.change('failed');
  assertEquals(call.errors, ['Too big (too_big)', 'The media connection failed.']);
  assertEquals(call.state.name, 'failed');
});

test('call: ending it tells the server when asked and reports no lost connection', async () => {
  for (const leave of [true, false]) {
    const { call, sockets, join } = openCall(JOINING);
    await join();
    call.end(leave);
    const last = sockets[0].sent[sockets[0].sent.length - 1];
    assertEquals(last.type === 'session.leave' ? [last.id, last.sessionId] : null, leave ? ['leave', 's1'] : null, 'leave');
    assertEquals(call.state.name, 'ended');
    assertEquals(call.errors, []);
    assertTrue(call.client?.closed, 'signaling closed');
    assertEquals(call.media?.connectionState, 'closed', 'media');
  }
});

test('call: the diagnostic view reads live values in a fixed order and hands out copies', () => {
  const call = new Call('agent', () => {});
  let code = 'A';
  const view = /** @type {any} */ (call.view({ get sessionCode() { return code; } }));
  assertEquals(Object.keys(view), ['role', 'state', 'sessionCode', 'mediaState', 'errors', 'timeline', 'inboundVideoStats', 'inboundAudioStats']);
  call.fail('x');
  call.mark('start');
  code = 'B';
  assertEquals([view.role, view.state, view.sessionCode, view.mediaState, view.errors], ['agent', 'idle', 'B', 'new', ['x']]);
  view.timeline[0].event = 'changed';
  view.errors.push('y');
  assertEquals([call.timeline[0].event, call.errors.length], ['start', 1], 'copies');
  assertTrue(Object.isFrozen(view), 'frozen');
  assertEquals(view.inboundVideoStats(), undefined, 'no stats before media');
});

/** A server that also answers `media.restart-ice` with an offer of the next revision. */
function restartingServer() {
  let revision = 1;
  return {
    ...JOINING,
    'media.restart-ice': () => ({ ...OFFER, revision: ++revision }),
  };
}

/** Lets queued promise callbacks and timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** @param {any} socket */
const sentTypes = (socket) => socket.sent.map((/** @type {any} */ m) => m.type);

test('call: a lost ICE path or a network change restarts ICE on the same peer connection', async () => {
  const { call, sockets, pc, join } = openCall(restartingServer());
  await join();
  pc.ice('connected');
  pc.change('connected');
  const media = call.media;

  pc.ice('disconnected');
  pc.change('disconnected');
  await settle();
  const sent = sockets[0].sent;
  const restart = sent.find((/** @type {any} */ m) => m.type === 'media.restart-ice');
  assertEquals(restart?.sessionId, 's1', 'session of media.restart-ice');
  const answer = sent[sent.length - 1];
  assertEquals([answer.type, answer.revision], ['media.answer', 2], 'the restart offer is answered');
  assertEquals(pc.restarts, 1, 'pc.restartIce() calls');
  assertEquals(call.state.name, 'interrupted');

  // the device reports another network: one more restart while the path is still down
  globalThis.dispatchEvent(new Event('online'));
  await settle();
  assertEquals(sockets[0].sent[sockets[0].sent.length - 1].revision, 3, 'second restart answered');
  // a third is refused until the path connected again: it would only repeat the same checks
  globalThis.dispatchEvent(new Event('online'));
  await settle();
  assertEquals(sentTypes(sockets[0]).filter((/** @type {string} */ t) => t === 'media.restart-ice').length, 2, 'restarts');

  pc.ice('connected');
  pc.change('connected');
  assertEquals(call.state.name, 'live');
  assertTrue(call.media === media, 'the same media session throughout');
  assertEquals(sentTypes(sockets[0]).filter((/** @type {string} */ t) => t === 'media.join').length, 1, 'media.join sent once');
  assertEquals(events(call).filter((e) => e.startsWith('ice-restart:')), ['ice-restart:ice-disconnected', 'ice-restart:online']);
  assertEquals(call.errors, []);
  call.end(false);
  // an ended call no longer listens for network changes
  globalThis.dispatchEvent(new Event('online'));
  await settle();
  assertEquals(sentTypes(sockets[0]).filter((/** @type {string} */ t) => t === 'media.restart-ice').length, 2, 'after the end');
});

test('call: a path that fails while a restart looks for a new one interrupts the call rather than ending it', async () => {
  const { call, sockets, pc, join } = openCall(restartingServer());
  await join();
  pc.ice('connected');
  pc.change('connected');
  pc.ice('failed');
  pc.change('failed');
  assertEquals(call.state.name, 'interrupted');
  await settle();
  assertEquals(sockets[0].sent[sockets[0].sent.length - 1].revision, 2, 'restart answered');
  pc.ice('connected');
  pc.change('connected');
  assertEquals(call.state.name, 'live');
  assertEquals(call.errors, []);
  call.end(false);
});

test('call: a refused restart is shown', async () => {
  const { call, pc, join } = openCall({
    ...JOINING,
    'media.restart-ice': () => ({ type: 'error', code: 'media_not_joined', message: 'send media.join first' }),
  });
  await join();
  pc.ice('connected');
  pc.change('connected');
  pc.ice('disconnected');
  await settle();
  assertEquals(call.errors, ['send media.join first (media_not_joined)']);
  call.end(false);
});

test('call: a new network type restarts ICE, a changed estimate of the same network does not', async () => {
  const connection = Object.assign(new EventTarget(), { type: 'wifi', effectiveType: '4g' });
  Object.defineProperty(navigator, 'connection', { value: connection, configurable: true });
  try {
    const { call, sockets, pc, join } = openCall(restartingServer());
    await join();
    pc.ice('connected');
    pc.change('connected');
    connection.effectiveType = '3g';
    connection.dispatchEvent(new Event('change'));
    await settle();
    assertEquals(sentTypes(sockets[0]).includes('media.restart-ice'), false, 'restart on a new estimate');
    connection.type = 'cellular';
    connection.dispatchEvent(new Event('change'));
    await settle();
    assertEquals(sockets[0].sent[sockets[0].sent.length - 1].revision, 2, 'restart answered');
    assertEquals(events(call).filter((e) => e.startsWith('ice-restart:')), ['ice-restart:network:cellular']);
    call.end(false);
  } finally {
    delete (/** @type {any} */ (navigator)).connection;
  }
});
