// @ts-check
/**
 * The client's half of the media path: one RTCPeerConnection towards the relay, which is always
 * the offerer. Each `media.offer` is applied in order (a newer offer that arrives while one is
 * being answered replaces any not yet started), local tracks go on the m-lines the offer names
 * as uplink, and everything else is received. Needs no DOM; the RTCPeerConnection factory is a
 * parameter so tests can replace it.
 * @module media-session
 */

import { answerDirection, parseMediaSections } from './sdp.js';

/**
 * A `media.offer` as the signaling server sends it.
 * @typedef {object} MediaOffer
 * @property {number} revision
 * @property {string} sdp
 * @property {{audio?: string, video?: string}} [uplink] mid of the m-line the client sends each kind on
 */

/**
 * Connection state as the pages show it.
 * @typedef {'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed'} MediaConnectionState
 */

/**
 * @typedef {object} MediaSessionOptions
 * @property {(revision: number, sdp: string) => Promise<unknown>} sendAnswer sends `media.answer`
 * @property {(track: MediaStreamTrack, mid: string | null) => void} [onTrack] a remote track arrived
 * @property {(state: MediaConnectionState) => void} [onConnectionState]
 * @property {(error: Error) => void} [onError] negotiation failed for the latest offer
 * @property {(configuration: RTCConfiguration) => RTCPeerConnection} [createPeerConnection]
 * @property {RTCIceServer[]} [iceServers]
 * @property {RTCIceTransportPolicy} [iceTransportPolicy] `relay`: media only through the TURN servers
 * @property {() => Promise<MediaOffer>} [requestIceRestart] sends `media.restart-ice`, resolves with the relay's new offer
 * @property {(reason: string) => void} [onIceRestart] an ICE restart begins
 */

/**
 * Inbound video counters, summed over the video streams received.
 * @typedef {object} InboundVideoStats
 * @property {number} framesDecoded
 * @property {number} framesReceived
 * @property {number} bytesReceived
 * @property {number} packetsReceived
 * @property {number} frameWidth  largest width seen, 0 before the first decoded frame
 * @property {number} frameHeight largest height seen
 */

/**
 * Inbound audio counters, summed over the audio streams received.
 * @typedef {object} InboundAudioStats
 * @property {number} packetsReceived
 * @property {number} bytesReceived
 */

/** ICE restarts tried after the path to the relay failed before the call gives up. */
const MAX_RESTARTS = 2;

/** Negotiates and holds one peer connection to the relay. */
export class MediaSession {
  /** @param {MediaSessionOptions} options */
  constructor(options) {
    this.options = options;
    /** @type {RTCPeerConnection | null} */
    this.pc = null;
    /** @type {MediaStream | null} */
    this.localStream = null;
    /** @type {MediaOffer | null} */
    this.nextOffer = null;
    /** @type {Promise<void> | null} */
    this.draining = null;
    this.appliedRevision = -1;
    /** @type {MediaConnectionState} */
    this.connectionState = 'new';
    this.closed = false;
    /** True while an ICE restart's offer is requested and answered. */
    this.restarting = false;
    /** ICE restarts since the media path was last connected; a path that fails again after these gives up. */
    this.restartsSinceConnected = 0;
    /** Whether ICE ever connected: before that there is no path to restart, only one being set up. */
    this.everConnected = false;
  }

  /**
   * Restarts ICE after the network changed, keeping this peer connection with its DTLS session and
   * its tracks (no new `getUserMedia`, no new handshake): `pc.restartIce()` marks the restart, the
   * relay (always the offerer) sends an offer with new ICE credentials through `requestIceRestart`,
   * and the answer carries the browser's new ones. Media stays on the old path until the new one is
   * checked. One restart at a time, and at most {@link MAX_RESTARTS} until the path connects again.
   * @param {string} reason what prompted it, for the timeline
   * @returns {Promise<boolean>} false when there was nothing to restart or a restart is under way
   */
  async restartIce(reason) {
    const { pc } = this;
    if (!this.canRestartIce()) {
      return false;
    }
    this.restarting = true;
    this.restartsSinceConnected += 1;
    this.options.onIceRestart?.(reason);
    try {
      if (pc && typeof pc.restartIce === 'function') {
        pc.restartIce();
      }
      const offer = await /** @type {() => Promise<MediaOffer>} */ (this.options.requestIceRestart)();
      await this.handleOffer(offer);
      return true;
    } finally {
      this.restarting = false;
    }
  }

  /** Whether {@link restartIce} would start a restart now. */
  canRestartIce() {
    return this.pc !== null && !this.closed && !this.restarting && this.everConnected
      && this.restartsSinceConnected < MAX_RESTARTS && typeof this.options.requestIceRestart === 'function';
  }

  /**
   * TURN servers and the transport policy from `welcome.iceServers` and `welcome.iceTransportPolicy`;
   * set before the first offer arrives.
   * @param {RTCIceServer[]} servers
   * @param {RTCIceTransportPolicy} [policy] `all` unless given
   */
  setIceServers(servers, policy = 'all') {
    this.options = { ...this.options, iceServers: servers, iceTransportPolicy: policy };
  }

  /**
   * The tracks to publish; set before the first offer arrives.
   * @param {MediaStream | null} stream
   */
  setLocalStream(stream) {
    this.localStream = stream;
  }

  /**
   * Queues an offer; resolves when every queued offer has been answered or has failed.
   * @param {MediaOffer} offer
   * @returns {Promise<void>}
   */
  handleOffer(offer) {
    if (this.closed || offer.revision <= this.appliedRevision
        || (this.nextOffer && offer.revision <= this.nextOffer.revision)) {
      return this.draining ?? Promise.resolve();
    }
    this.nextOffer = offer;
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  /** Closes the peer connection; later offers are ignored. */
  close() {
    this.closed = true;
    this.nextOffer = null;
    if (this.pc) {
      this.pc.close();
      this.updateConnectionState('closed');
    }
  }

  /** @returns {Promise<InboundVideoStats>} */
  async inboundVideoStats() {
    return summarizeInboundVideo(await this.statsEntries());
  }

  /** @returns {Promise<InboundAudioStats>} */
  async inboundAudioStats() {
    return summarizeInboundAudio(await this.statsEntries());
  }

  /** @returns {Promise<any[]>} */
  async statsEntries() {
    /** @type {any[]} */
    const entries = [];
    if (this.pc) {
      (await this.pc.getStats()).forEach((entry) => entries.push(entry));
    }
    return entries;
  }

  async drain() {
    while (this.nextOffer && !this.closed) {
      const offer = this.nextOffer;
      this.nextOffer = null;
      try {
        await this.apply(offer);
      } catch (e) {
        // an error about an offer that a newer one already replaced is expected and harmless
        if (!this.nextOffer && !this.closed) {
          this.options.onError?.(e instanceof Error ? e : new Error(String(e)));
        }
      }
    }
  }

  /** @param {MediaOffer} offer */
  async apply(offer) {
    const pc = this.peerConnection();
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    this.appliedRevision = offer.revision;
    const sections = parseMediaSections(offer.sdp);
    const uplink = offer.uplink ?? {};
    for (const transceiver of pc.getTransceivers()) {
      const mid = transceiver.mid;
      const section = sections.find((s) => s.mid === mid);
      if (mid === null || !section || section.port === 0 || transceiver.currentDirection === 'stopped') {
        continue;
      }
      /** @type {'audio' | 'video' | null} */
      const kind = mid === uplink.audio ? 'audio' : mid === uplink.video ? 'video' : null;
      const track = kind ? this.localTrack(kind) : null;
      if (kind) {
        await transceiver.sender.replaceTrack(track);
        if (track && this.localStream && typeof transceiver.sender.setStreams === 'function') {
          transceiver.sender.setStreams(this.localStream);
        }
      }
      transceiver.direction = answerDirection(section.direction, track !== null);
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.mid !== null && transceiver.mid === uplink.video && transceiver.sender.track) {
        await configureSimulcast(transceiver.sender, transceiver.sender.track);
      }
    }
    // the relay is ICE-lite and learns the client's address from its checks: no need to wait
    // for candidate gathering before answering
    await this.options.sendAnswer(offer.revision, pc.localDescription?.sdp ?? answer.sdp ?? '');
  }

  /**
   * @param {'audio' | 'video'} kind
   * @returns {MediaStreamTrack | null}
   */
  localTrack(kind) {
    const tracks = kind === 'audio' ? this.localStream?.getAudioTracks() : this.localStream?.getVideoTracks();
    return tracks?.find((t) => t.readyState === 'live') ?? null;
  }

  /** @returns {RTCPeerConnection} */
  peerConnection() {
    if (this.pc) {
      return this.pc;
    }
    const create = this.options.createPeerConnection ?? ((c) => new RTCPeerConnection(c));
    const pc = create({
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
      iceServers: this.options.iceServers ?? [],
      iceTransportPolicy: this.options.iceTransportPolicy ?? 'all',
    });
    pc.ontrack = (event) => this.options.onTrack?.(event.track, event.transceiver?.mid ?? null);
    // Safari before 14.5 has no connectionState; the ICE state says nearly as much there
    pc.onconnectionstatechange = () => this.updateConnectionState(fromConnectionState(pc.connectionState));
    pc.oniceconnectionstatechange = () => {
      const ice = pc.iceConnectionState;
      if (ice === 'connected' || ice === 'completed') {
        this.everConnected = true;
        this.restartsSinceConnected = 0;
      } else if ((ice === 'disconnected' || ice === 'failed') && this.canRestartIce()) {
        // the path to the relay stopped answering, usually because the network changed under it:
        // restarting at once finds the new path in about a round trip instead of waiting for ICE to fail
        this.restartIce(`ice-${ice}`).catch((e) => {
          if (!this.closed) {
            this.options.onError?.(e instanceof Error ? e : new Error(String(e)));
          }
        });
      }
      if (pc.connectionState === undefined) {
        this.updateConnectionState(fromIceState(ice));
      }
    };
    this.pc = pc;
    this.updateConnectionState('connecting');
    return pc;
  }

  /** @param {MediaConnectionState} state */
  updateConnectionState(state) {
    if (state === this.connectionState) {
      return;
    }
    this.connectionState = state;
    this.options.onConnectionState?.(state);
  }
}

/**
 * The simulcast layers a camera is sent as, by rid (the relay offers q, h and f, lowest first):
 * scaled down 4, 2 and 1 times, each with a bitrate ceiling that suits its size.
 */
export const SIMULCAST_LAYERS = Object.freeze({
  q: { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  h: { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  f: { scaleResolutionDownBy: 1, maxBitrate: 2_500_000 },
});

/** Narrower cameras are sent as one stream: a quarter of 480 pixels would be too small to be worth it. */
export const SIMULCAST_MIN_WIDTH = 640;

/**
 * Sets the encodings of a video sender that the relay's offer made a simulcast sender (the
 * browser created one encoding per offered rid): three layers when the camera is at least
 * {@link SIMULCAST_MIN_WIDTH} pixels wide, otherwise only the full-size one. Call after the
 * answer is set and again when the camera changes; a sender without simulcast is left alone.
 * @param {RTCRtpSender} sender
 * @param {MediaStreamTrack} track the camera track it sends
 * @returns {Promise<boolean>} whether the sender sends simulcast layers
 */
export async function configureSimulcast(sender, track) {
  const parameters = sender.getParameters();
  const encodings = parameters.encodings ?? [];
  if (encodings.length < 2 || !encodings.every((e) => e.rid)) {
    return false;
  }
  const width = track.getSettings().width ?? 0;
  const layered = width >= SIMULCAST_MIN_WIDTH;
  const top = encodings.reduce((best, e) => (e.rid === 'f' ? e : best), encodings[encodings.length - 1]);
  for (const encoding of encodings) {
    const layer = SIMULCAST_LAYERS[/** @type {'q' | 'h' | 'f'} */ (encoding.rid)];
    if (layered && layer) {
      encoding.active = true;
      encoding.scaleResolutionDownBy = layer.scaleResolutionDownBy;
      encoding.maxBitrate = layer.maxBitrate;
    } else {
      encoding.active = encoding === top;
      encoding.scaleResolutionDownBy = 1;
      encoding.maxBitrate = layered ? undefined : SIMULCAST_LAYERS.f.maxBitrate;
    }
  }
  try {
    await sender.setParameters(parameters);
  } catch (e) {
    // a browser that refuses these parameters still sends its default layers; the relay copes
    return false;
  }
  return layered;
}

/**
 * Sums the inbound-rtp video entries of a stats report.
 * @param {Iterable<any>} entries values of an RTCStatsReport
 * @returns {InboundVideoStats}
 */
export function summarizeInboundVideo(entries) {
  const total = { framesDecoded: 0, framesReceived: 0, bytesReceived: 0, packetsReceived: 0, frameWidth: 0, frameHeight: 0 };
  for (const entry of entries) {
    if (entry.type !== 'inbound-rtp' || (entry.kind ?? entry.mediaType) !== 'video') {
      continue;
    }
    total.framesDecoded += entry.framesDecoded ?? 0;
    total.framesReceived += entry.framesReceived ?? 0;
    total.bytesReceived += entry.bytesReceived ?? 0;
    total.packetsReceived += entry.packetsReceived ?? 0;
    total.frameWidth = Math.max(total.frameWidth, entry.frameWidth ?? 0);
    total.frameHeight = Math.max(total.frameHeight, entry.frameHeight ?? 0);
  }
  return total;
}

/**
 * Sums the inbound-rtp audio entries of a stats report.
 * @param {Iterable<any>} entries values of an RTCStatsReport
 * @returns {InboundAudioStats}
 */
export function summarizeInboundAudio(entries) {
  const total = { packetsReceived: 0, bytesReceived: 0 };
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp' && (entry.kind ?? entry.mediaType) === 'audio') {
      total.packetsReceived += entry.packetsReceived ?? 0;
      total.bytesReceived += entry.bytesReceived ?? 0;
    }
  }
  return total;
}

/**
 * @param {RTCPeerConnectionState} state
 * @returns {MediaConnectionState}
 */
function fromConnectionState(state) {
  return state === 'new' ? 'connecting' : state;
}

/**
 * @param {RTCIceConnectionState} state
 * @returns {MediaConnectionState}
 */
function fromIceState(state) {
  switch (state) {
    case 'connected':
    case 'completed':
      return 'connected';
    case 'checking':
    case 'new':
      return 'connecting';
    default:
      return state;
  }
}
