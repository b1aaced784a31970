// @ts-check
/**
 * One participant's call, shared by the customer page and the agent console, without DOM: a plain
 * state machine that pages render whatever state it is in, and the {@link Call} that feeds it from
 * signaling and media and keeps the errors and timeline for diagnostics.
 * @module call-state
 */

import { MediaSession } from './media-session.js';
import { describeServerError } from './messages.js';
import { PROTOCOL_VERSION } from './signaling-client.js';

/** @typedef {import('./signaling-client.js').SignalingClient} SignalingClient */

/**
 * @typedef {'idle' | 'starting' | 'connecting' | 'queued' | 'waiting' | 'negotiating' | 'live'
 *   | 'interrupted' | 'ended' | 'failed'} CallStateName
 */

/**
 * @typedef {'start' | 'signalingOpen' | 'queued' | 'sessionReady' | 'offer' | 'mediaConnected'
 *   | 'mediaInterrupted' | 'signalingLost' | 'end' | 'fail'} CallEvent
 */

/**
 * Allowed transitions: from a state, an event leads to the next state. Events that a state does
 * not list leave it unchanged, so late or duplicate events from the network are harmless.
 * @type {Readonly<Record<CallStateName, Partial<Record<CallEvent, CallStateName>>>>}
 */
const TRANSITIONS = {
  idle: { start: 'starting', signalingOpen: 'connecting', end: 'ended', fail: 'failed' },
  starting: { signalingOpen: 'connecting', end: 'ended', fail: 'failed' },
  connecting: { queued: 'queued', sessionReady: 'waiting', offer: 'negotiating', end: 'ended', fail: 'failed' },
  queued: { sessionReady: 'waiting', offer: 'negotiating', end: 'ended', fail: 'failed' },
  waiting: { offer: 'negotiating', mediaConnected: 'live', end: 'ended', fail: 'failed' },
  negotiating: { mediaConnected: 'live', mediaInterrupted: 'interrupted', signalingLost: 'interrupted', end: 'ended',
    fail: 'failed' },
  live: { mediaInterrupted: 'interrupted', signalingLost: 'interrupted', end: 'ended', fail: 'failed' },
  interrupted: { mediaConnected: 'live', offer: 'negotiating', end: 'ended', fail: 'failed' },
  ended: {},
  failed: { end: 'ended' },
};

/** What a person reads for each state. */
export const STATE_LABELS = Object.freeze({
  idle: 'Not started',
  starting: 'Starting camera and microphone…',
  connecting: 'Connecting to the server…',
  queued: 'Waiting for an agent…',
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

  /** @returns {string} what a person reads for the state, in English */
  label() {
    return STATE_LABELS[this.name];
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

/**
 * Where a page keeps the token with which it takes its own place again after a reload: one entry
 * per page kind in the tab's `sessionStorage`, so a reload mid-session resumes the participant
 * within the server's grace period instead of joining as someone new.
 */
export class ResumeStore {
  /**
   * @param {Storage} storage
   * @param {string} key
   */
  constructor(storage, key) {
    this.storage = storage;
    this.key = `remote-support.resume.${key}`;
  }

  /** @returns {string | null} */
  load() {
    try {
      const saved = JSON.parse(this.storage.getItem(this.key) ?? 'null');
      return saved && typeof saved.token === 'string' && saved.until > Date.now() ? saved.token : null;
    } catch {
      return null;
    }
  }

  /**
   * @param {string | null | undefined} token
   * @param {number} [graceMs] how long the server keeps the place after a drop
   */
  save(token, graceMs = 60_000) {
    if (token) {
      // a reload after the grace period would only be refused: not worth trying
      this.storage.setItem(this.key, JSON.stringify({ token, until: Date.now() + graceMs + 24 * 3600_000 }));
    } else {
      this.storage.removeItem(this.key);
    }
  }
}

/** A call's state, signaling and media, and what it recorded for diagnostics. */
export class Call {
  /**
   * @param {'agent' | 'customer'} role
   * @param {(text: string) => void} showError
   * @param {{describeError?: (error: {code?: string, message?: string}) => string}} [options]
   *   how a server or connection error reads; {@link describeServerError} (English) by default
   */
  constructor(role, showError, options = {}) {
    this.role = role;
    this.showError = showError;
    this.describeError = options.describeError ?? describeServerError;
    this.state = new CallState();
    /** @type {string[]} */
    this.errors = [];
    /** What happened when (epoch ms), for join-to-first-frame measurements and support diagnostics. */
    /** @type {{at: number, event: string}[]} */
    this.timeline = [];
    /** @type {SignalingClient | null} */
    this.client = null;
    /** @type {MediaSession | null} */
    this.media = null;
    /** @type {string | null} */
    this.sessionId = null;
    /** @type {any} the server's `welcome`: participant id and token, also for the annotation channel */
    this.welcome = null;
    /** @type {ResumeStore | null} */
    this.resumeStore = null;
    /** True while {@link Call#resumeAfterDrop} reconnects. */
    this.resuming = false;
    /** Stops listening for network changes; set while a call is connected. */
    this.unwatchNetwork = () => {};
    this.state.subscribe((name) => this.mark(`state:${name}`));
  }

  /** @param {string} event */
  mark(event) {
    this.timeline.push({ at: Date.now(), event });
  }

  /** @param {string} text */
  fail(text) {
    this.errors.push(text);
    this.showError(text);
  }

  /**
   * Connects and says `hello` with the token (a staff token, a customer token or an invite link's);
   * `enter` gets the `welcome`, creates or joins the session and resolves with its id, or with null
   * when there is no session to join yet (a customer who queues); then joins the media. Resolves
   * false after a failure, which has been reported.
   * @param {SignalingClient} signaling
   * With a `resume` store holding a token from before a reload, `hello` first tries to take that
   * participant's place: the server answers with its session (`session.started`, `resumed`), `enter`
   * is skipped and the media starts afresh (`media.join` with `restart`).
   * When the connection drops later, the call reconnects by itself and resumes its place (see
   * {@link Call#resumeAfterDrop}); `currentToken` gives the token to say `hello` with then (a
   * customer's invite link is used up by that time, its customer token is not).
   * @param {{token: string, name?: string, enter: (welcome: any) => Promise<any>, localStream: MediaStream | null,
   *   onTrack: (track: MediaStreamTrack) => void, mediaFailure: string, resume?: ResumeStore,
   *   currentToken?: () => string | null,
   *   createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection}} options
   */
  async connect(signaling, { token, name, enter, localStream, onTrack, mediaFailure, resume,
    currentToken = () => token, createPeerConnection }) {
    const { state } = this;
    const media = new MediaSession({
      sendAnswer: (revision, sdp) => signaling.request('media.answer', { revision, sdp, sessionId: this.sessionId }),
      onTrack: (track) => {
        this.mark(`track:${track.kind}`);
        onTrack(track);
      },
      onConnectionState: (connection) => {
        this.mark(`media:${connection}`);
        if (connection === 'connected') {
          state.dispatch('mediaConnected');
        } else if (connection === 'disconnected') {
          state.dispatch('mediaInterrupted');
        } else if (connection === 'failed') {
          if (media.restarting) {
            // an ICE restart is finding a new path: the call is interrupted, not over
            state.dispatch('mediaInterrupted');
          } else {
            this.fail(mediaFailure);
            state.dispatch('fail');
          }
        }
      },
      requestIceRestart: () => signaling.request('media.restart-ice', { sessionId: this.sessionId }),
      onIceRestart: (reason) => this.mark(`ice-restart:${reason}`),
      onError: (e) => this.fail(this.describeError(e)),
      createPeerConnection,
    });
    media.setLocalStream(localStream);
    this.client = signaling;
    this.media = media;
    this.watchNetwork(media);

    /** While a resumed page waits for its new endpoint, offers for the old one are of no use. */
    let restarting = false;
    /** @type {(sessionId: string) => void} */
    let resumedInto = () => {};
    /** @type {Promise<string>} */
    const resumedSession = new Promise((resolve) => { resumedInto = resolve; });
    // a resumed participant is told its session again, or, if it was still queued, when one starts
    signaling.on('session.started', (m) => resumedInto(m.sessionId));
    signaling.on('media.offer', (offer) => {
      if (restarting) {
        return;
      }
      this.mark(`offer:${offer.revision}`);
      state.dispatch('offer');
      void media.handleOffer(/** @type {any} */ (offer));
    });
    signaling.on('error', (e) => this.fail(this.describeError({ code: e.code, message: e.message })));
    signaling.onClose((reason) => {
      if (state.finished || this.resuming) {
        return;
      }
      if (this.welcome?.resumeToken) {
        void this.resumeAfterDrop(signaling, { token: currentToken() ?? token, name, resume }, reason);
        return;
      }
      this.fail(this.describeError(reason));
      state.dispatch('fail');
      media.close();
    });

    try {
      await signaling.connect();
      state.dispatch('signalingOpen');
      this.resumeStore = resume ?? null;
      const resumeToken = resume?.load() ?? null;
      if (resumeToken) {
        restarting = true;
        try {
          this.welcome = await signaling.request('hello', { v: PROTOCOL_VERSION, token, name, resumeToken });
          this.mark('resumed');
        } catch (e) {
          // the place is gone (grace ran out, or the session ended): enter as usual
          restarting = false;
          this.mark(`resume-failed:${/** @type {any} */ (e).code ?? 'error'}`);
          resume?.save(null);
        }
      }
      this.welcome ??= await signaling.request('hello', { v: PROTOCOL_VERSION, token, name });
      signaling.adoptLimits(this.welcome);
      resume?.save(this.welcome.resumeToken, this.welcome.resumeGraceMs);
      // TURN servers, when the server has them, must be known before the peer connection exists
      media.setIceServers(this.welcome.iceServers ?? [], this.welcome.iceTransportPolicy === 'relay' ? 'relay' : 'all');
      const resumed = this.welcome.resumed === true;
      this.sessionId = resumed ? await resumedSession : await enter(this.welcome);
      if (this.sessionId === null) {
        return true;
      }
      state.dispatch('sessionReady');
      const offer = await signaling.request('media.join', { sessionId: this.sessionId,
        restart: resumed ? true : undefined });
      restarting = false;
      state.dispatch('offer');
      await media.handleOffer(/** @type {any} */ (offer));
      return true;
    } catch (e) {
      this.fail(this.describeError(/** @type {any} */ (e)));
      state.dispatch('fail');
      return false;
    }
  }

  /**
   * After the connection dropped: reconnects with growing pauses and says `hello` with the resume
   * token, so the participant keeps its place in the session or the queue, within the server's
   * grace period. The media to the relay is not touched; it goes on while signaling is away. The
   * call fails when the server refuses the resume or the grace period runs out.
   * @param {SignalingClient} signaling
   * @param {{token: string, name?: string, resume?: ResumeStore}} hello
   * @param {Error} reason why the connection ended
   */
  async resumeAfterDrop(signaling, { token, name, resume }, reason) {
    const { state } = this;
    this.resuming = true;
    this.mark('signaling:lost');
    state.dispatch('signalingLost');
    const deadline = Date.now() + (Number(this.welcome.resumeGraceMs) || 60000);
    let pause = 500;
    try {
      while (!state.finished && Date.now() < deadline) {
        // back-off between attempts, not a synchronisation: the network decides when one succeeds
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 5000);
        if (state.finished) {
          return;
        }
        try {
          await signaling.reopen();
        } catch {
          continue; // the server is still out of reach
        }
        let welcome;
        try {
          welcome = await signaling.request('hello', { v: PROTOCOL_VERSION, token, name,
            resumeToken: this.welcome.resumeToken });
        } catch (e) {
          if (/** @type {any} */ (e).code === 'connection.closed' || /** @type {any} */ (e).code === 'timeout') {
            continue;
          }
          reason = /** @type {Error} */ (e); // refused: the place is gone
          break;
        }
        this.welcome = welcome;
        signaling.adoptLimits(welcome);
        resume?.save(welcome.resumeToken, welcome.resumeGraceMs);
        this.mark('signaling:resumed');
        if (this.media?.connectionState === 'connected') {
          state.dispatch('mediaConnected');
        }
        return;
      }
      if (!state.finished) {
        this.fail(this.describeError(/** @type {any} */ (reason)));
        state.dispatch('fail');
        this.media?.close();
      }
    } finally {
      this.resuming = false;
    }
  }

  /**
   * Restarts ICE when the device's network changes: the `online` event (back from no network) and
   * `navigator.connection`'s `change` when its `type` changes (Wi-Fi to mobile data, where the
   * browser reports it). The ICE state going `disconnected` or `failed` restarts it too (see
   * {@link MediaSession#restartIce}).
   * @param {MediaSession} media
   */
  watchNetwork(media) {
    const restart = (/** @type {string} */ reason) => {
      if (!media.canRestartIce() || this.state.finished) {
        return;
      }
      media.restartIce(reason).catch((e) => {
        if (!this.state.finished) {
          this.fail(this.describeError(/** @type {any} */ (e)));
        }
      });
    };
    const target = /** @type {any} */ (globalThis);
    const connection = target.navigator?.connection;
    let networkType = connection?.type;
    const onOnline = () => restart('online');
    const onConnectionChange = () => {
      // Chrome also fires `change` whenever its estimates (effectiveType, rtt, downlink) move, which
      // on a desktop is all it reports: only another network type (wifi, cellular…) is a new network
      const type = connection?.type;
      if (type === undefined || type === networkType) {
        return;
      }
      networkType = type;
      restart(`network:${type}`);
    };
    target.addEventListener?.('online', onOnline);
    connection?.addEventListener?.('change', onConnectionChange);
    this.unwatchNetwork = () => {
      target.removeEventListener?.('online', onOnline);
      connection?.removeEventListener?.('change', onConnectionChange);
    };
  }

  /**
   * Ends the call, state first: closing the socket must not read as a lost connection.
   * @param {boolean} [leave] tell the server this participant leaves
   */
  end(leave) {
    this.state.dispatch('end');
    this.unwatchNetwork();
    this.resumeStore?.save(null);
    const { client } = this;
    if (leave && client && !client.closed) {
      try {
        client.send('session.leave', { id: 'leave', sessionId: this.sessionId });
      } catch {
        // the connection is already gone: nothing to tell the server
      }
    }
    client?.close();
    this.media?.close();
    this.media?.localStream?.getTracks().forEach((t) => t.stop());
  }

  /**
   * A read-only view for tests and support diagnostics; the page's `fields` come after `state`.
   * @param {object} fields
   */
  view(fields) {
    const call = this;
    return Object.freeze(Object.defineProperties({ role: this.role, get state() { return call.state.name; } }, {
      ...Object.getOwnPropertyDescriptors(fields),
      ...Object.getOwnPropertyDescriptors({
        get mediaState() { return call.media?.connectionState ?? 'new'; },
        get errors() { return [...call.errors]; },
        get timeline() { return call.timeline.map((entry) => ({ ...entry })); },
        inboundVideoStats: () => call.media?.inboundVideoStats(),
        inboundAudioStats: () => call.media?.inboundAudioStats(),
      }),
    }));
  }
}
