// @ts-check
/**
 * The client of `/annotations`: joins a session's op log with the last seq it applied, keeps the
 * {@link MarkupLog} up to date, pushes the page's ops with ids that make resends harmless, pushes
 * unanswered ops again after a reconnect, and relays pointers. The WebSocket constructor, timers and
 * the random source are parameters so that tests can drive it without a server.
 * @module annotation/annotation-client
 */

import { MarkupLog, Outbox } from './markup-log.js';

/** The annotation protocol version this page speaks. */
export const ANNOTATION_PROTOCOL_VERSION = 1;

/**
 * @typedef {import('./markup-log.js').ClientOp} ClientOp
 * @typedef {import('./markup-log.js').Markup} Markup
 * @typedef {{participantId: string, role: string, x?: number, y?: number, track?: string, visible: boolean}} RemotePointer
 * @typedef {{url: string, sessionId: string, participantId: string, token: string,
 *   onChange?: () => void, onPointer?: (p: RemotePointer) => void, onJoined?: (m: any) => void,
 *   onReject?: (m: {opId: string, code: string, message: string}) => void,
 *   webSocket?: (url: string) => WebSocket, random?: () => number,
 *   setTimer?: (f: () => void, ms: number) => unknown}} Options
 */

/** Builds the `/annotations` URL of the page's own server. @param {Location} location */
export function annotationUrl(location) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/annotations`;
}

export class AnnotationClient {
  /** @param {Options} options */
  constructor(options) {
    this.options = options;
    this.log = new MarkupLog();
    this.outbox = new Outbox();
    /** @type {Map<string, RemotePointer>} newest pointer per participant */
    this.pointers = new Map();
    const random = options.random ?? Math.random;
    // a fresh prefix per page load: counters restart on reload, op ids must not repeat
    this.idPrefix = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
    this.counter = 0;
    this.canDraw = false;
    this.customerMayDraw = false;
    this.joined = false;
    this.resent = false;
    this.closed = false;
    /** @type {WebSocket | null} */
    this.socket = null;
    this.retryMs = 250;
  }

  /** Opens the socket and joins; reconnects by itself until {@link close}. */
  connect() {
    const factory = this.options.webSocket ?? ((url) => new WebSocket(url));
    const socket = factory(this.options.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 250;
      socket.send(JSON.stringify({
        type: 'join', v: ANNOTATION_PROTOCOL_VERSION, sessionId: this.options.sessionId,
        participantId: this.options.participantId, token: this.options.token, lastSeq: this.log.lastSeq,
      }));
    });
    socket.addEventListener('message', (event) => this.receive(JSON.parse(String(event.data))));
    socket.addEventListener('close', () => {
      this.joined = false;
      if (!this.closed) {
        const setTimer = this.options.setTimer ?? ((f, ms) => setTimeout(f, ms));
        setTimer(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(5000, this.retryMs * 2);
      }
    });
  }

  /** @param {any} m a server message */
  receive(m) {
    switch (m.type) {
      case 'joined':
        this.joined = true;
        this.resent = false;
        this.canDraw = m.canDraw;
        this.customerMayDraw = m.customerMayDraw;
        this.options.onJoined?.(m);
        break;
      case 'ops':
        this.log.offerAll(m.ops);
        if (this.joined) {
          this.resend();
        }
        this.options.onChange?.();
        break;
      case 'snapshot':
        this.log.reset(m);
        this.resend();
        this.options.onChange?.();
        break;
      case 'commit':
        this.outbox.settle(m.opId);
        break;
      case 'reject':
        this.outbox.settle(m.opId);
        this.options.onReject?.(m);
        break;
      case 'pointer':
        this.pointers.set(m.participantId, m);
        this.options.onPointer?.(m);
        break;
      case 'permit':
        this.customerMayDraw = m.customerMayDraw;
        this.options.onChange?.();
        break;
      default:
        break;
    }
  }

  // after (re)joining, ops made while disconnected go out once, in order, under their first ids
  resend() {
    if (this.resent || !this.socket) {
      return;
    }
    this.resent = true;
    for (const op of this.outbox.unsettled()) {
      this.socket.send(JSON.stringify({ type: 'op', ...op }));
    }
  }

  /** A fresh id for a markup or an op. */
  nextId() {
    this.counter += 1;
    return `${this.idPrefix}-${this.counter}`;
  }

  /**
   * Pushes an op now if connected, else when the connection is back.
   * @param {Omit<ClientOp, 'opId'>} op
   * @returns {string} its op id
   */
  push(op) {
    const full = { ...op, opId: this.nextId() };
    this.outbox.add(full);
    if (this.socket && this.joined && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify({ type: 'op', ...full }));
    }
    return full.opId;
  }

  /**
   * Sends the pointer; dropped while disconnected (only the newest position matters).
   * @param {{x: number, y: number, track?: string, visible: boolean}} pointer
   */
  pointer(pointer) {
    if (this.socket && this.joined && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify({ type: 'pointer', ...pointer }));
    }
  }

  /** @param {boolean} allowed the agent lets the customer draw */
  permit(allowed) {
    this.socket?.send(JSON.stringify({ type: 'permit', customerMayDraw: allowed }));
  }

  /** Ends the connection for good. */
  close() {
    this.closed = true;
    this.socket?.close();
  }
}
