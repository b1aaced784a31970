// @ts-check
/**
 * The browser side of the signaling protocol on `/ws`: one JSON object per text frame, a `type`
 * field naming the message, an optional `id` that the server echoes as `replyTo`. Needs no DOM;
 * the WebSocket constructor and the timer functions are parameters so tests can replace them.
 * @module signaling-client
 */

/** The protocol version this client speaks; the server refuses any other in `hello`. */
export const PROTOCOL_VERSION = 2;

/**
 * A message as it travels on the wire.
 * @typedef {{type: string, id?: string, replyTo?: string, [field: string]: any}} Message
 */

/**
 * @typedef {object} SignalingOptions
 * @property {new (url: string) => WebSocket} [webSocket] WebSocket constructor
 * @property {number} [requestTimeoutMs] how long a request waits for its reply
 * @property {number} [pingIntervalMs]   heartbeat period that keeps idle proxies from closing the socket; 0 disables
 * @property {typeof setTimeout} [setTimer]
 * @property {typeof clearTimeout} [clearTimer]
 */

/** An `error` message from the server, or a failure of the connection, as an exception. */
export class SignalingError extends Error {
  /**
   * @param {string} code    stable machine-readable code (`connection.closed`, `timeout`, or the server's)
   * @param {string} message human-readable text
   */
  constructor(code, message) {
    super(message);
    this.name = 'SignalingError';
    this.code = code;
  }
}

/**
 * Builds the WebSocket URL of the signaling endpoint for a page served from `location`.
 * @param {{protocol: string, host: string}} location
 * @returns {string}
 */
export function signalingUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/** One connection to the signaling server: requests with replies, and pushed messages by type. */
export class SignalingClient {
  /**
   * @param {string} url
   * @param {SignalingOptions} [options]
   */
  constructor(url, options = {}) {
    this.url = url;
    this.webSocket = options.webSocket ?? globalThis.WebSocket;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15000;
    this.pingIntervalMs = options.pingIntervalMs ?? 20000;
    this.setTimer = options.setTimer ?? globalThis.setTimeout.bind(globalThis);
    this.clearTimer = options.clearTimer ?? globalThis.clearTimeout.bind(globalThis);
    /** @type {WebSocket | null} */
    this.socket = null;
    this.nextId = 1;
    /** @type {Map<string, {resolve: (m: Message) => void, reject: (e: Error) => void, timer: any}>} */
    this.pending = new Map();
    /** @type {Map<string, Set<(m: Message) => void>>} */
    this.handlers = new Map();
    /** @type {Set<(reason: SignalingError) => void>} */
    this.closeHandlers = new Set();
    /** @type {any} */
    this.pingTimer = null;
    this.closed = false;
  }

  /**
   * Opens the socket.
   * @returns {Promise<void>} resolves once the socket is open
   */
  connect() {
    return new Promise((resolve, reject) => {
      const socket = new this.webSocket(this.url);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        this.schedulePing();
        resolve();
      };
      socket.onmessage = (event) => this.receive(String(event.data));
      socket.onclose = (event) => {
        const error = new SignalingError('connection.closed',
          opened ? `Connection to the server closed (${event.code})` : 'Cannot reach the server');
        if (!opened) {
          reject(error);
        }
        this.shutDown(error);
      };
      // a failed socket always closes as well, which is where the failure is reported
      socket.onerror = () => {};
    });
  }

  /**
   * Opens a new socket after the previous one was lost, keeping every registered handler; the
   * requests pending on the lost socket have already failed.
   * @returns {Promise<void>} resolves once the new socket is open
   */
  reopen() {
    this.closed = false;
    return this.connect();
  }

  /**
   * Sends a message and waits for the reply whose `replyTo` equals its id.
   * @param {string} type
   * @param {Record<string, any>} [fields]
   * @returns {Promise<Message>} the reply; rejects with {@link SignalingError} on an `error` reply
   */
  request(type, fields = {}) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const timer = this.setTimer(() => {
        this.pending.delete(id);
        reject(new SignalingError('timeout', `No answer to ${type}`));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.send(type, { ...fields, id });
      } catch (e) {
        this.clearTimer(timer);
        this.pending.delete(id);
        reject(e);
      }
    });
  }

  /**
   * Sends a message without waiting for a reply.
   * @param {string} type
   * @param {Record<string, any>} [fields]
   */
  send(type, fields = {}) {
    if (!this.socket || this.socket.readyState !== 1 /* OPEN */) {
      throw new SignalingError('connection.closed', 'Not connected to the server');
    }
    this.socket.send(JSON.stringify({ type, ...fields }));
  }

  /**
   * Registers a handler for messages of one type that are not replies to a request.
   * @param {string} type
   * @param {(m: Message) => void} handler
   * @returns {() => void} removes the handler
   */
  on(type, handler) {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    return () => set?.delete(handler);
  }

  /**
   * Registers a handler called once when the connection ends for any reason.
   * @param {(reason: SignalingError) => void} handler
   */
  onClose(handler) {
    this.closeHandlers.add(handler);
  }

  /**
   * Adopts the limits the server announced in `welcome`: pings come often enough that the server's
   * idle timeout never closes a quiet connection.
   * @param {Message} welcome
   */
  adoptLimits(welcome) {
    const idle = Number(welcome.idleTimeoutMs);
    if (idle > 0 && this.pingIntervalMs > 0) {
      this.pingIntervalMs = Math.max(1000, Math.min(this.pingIntervalMs, Math.floor(idle / 3)));
      this.clearTimer(this.pingTimer);
      this.schedulePing();
    }
  }

  /** Closes the connection; pending requests fail. */
  close() {
    this.socket?.close(1000);
    this.shutDown(new SignalingError('connection.closed', 'Connection closed'));
  }

  /** @param {string} text */
  receive(text) {
    /** @type {Message} */
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') {
      return;
    }
    const waiting = message.replyTo ? this.pending.get(message.replyTo) : undefined;
    if (waiting && message.replyTo) {
      this.pending.delete(message.replyTo);
      this.clearTimer(waiting.timer);
      if (message.type === 'error') {
        waiting.reject(new SignalingError(message.code ?? 'error', message.message ?? 'Request refused'));
      } else {
        waiting.resolve(message);
      }
      return;
    }
    for (const handler of this.handlers.get(message.type) ?? []) {
      handler(message);
    }
  }

  schedulePing() {
    if (this.pingIntervalMs <= 0 || this.closed) {
      return;
    }
    this.pingTimer = this.setTimer(() => {
      try {
        this.send('ping');
      } catch {
        return;
      }
      this.schedulePing();
    }, this.pingIntervalMs);
  }

  /** @param {SignalingError} reason */
  shutDown(reason) {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.clearTimer(this.pingTimer);
    for (const { reject, timer } of this.pending.values()) {
      this.clearTimer(timer);
      reject(reason);
    }
    this.pending.clear();
    for (const handler of this.closeHandlers) {
      handler(reason);
    }
  }
}
