// @ts-check
/**
 * The customer page: explains the camera and microphone, asks for them on "Start" (a user gesture,
 * which iOS Safari needs), joins the session that the link names, publishes the rear camera and
 * the microphone, and plays the agent's voice.
 * @module customer
 */

import { CallState } from './call-state.js';
import { joinCodeFromLocation } from './invite.js';
import { MediaSession } from './media-session.js';
import { describeMediaError, describeServerError, retryWithoutMicrophone } from './messages.js';
import { PROTOCOL_VERSION, SignalingClient, signalingUrl } from './signaling-client.js';
import { element, play, renderState, showAlert } from './ui.js';

const intro = element('intro', HTMLElement);
const call = element('call', HTMLElement);
const startButton = element('start', HTMLButtonElement);
const endButton = element('end', HTMLButtonElement);
const unmuteButton = element('unmute', HTMLButtonElement);
const preview = element('preview', HTMLVideoElement);
const remoteAudio = element('remote-audio', HTMLAudioElement);
const status = element('status', HTMLElement);
const alertBox = element('error', HTMLElement);
const ended = element('ended', HTMLElement);

const state = new CallState();
const code = joinCodeFromLocation(location);
const remoteStream = new MediaStream();
/** @type {SignalingClient | null} */
let client = null;
/** @type {MediaSession | null} */
let media = null;
/** @type {MediaStream | null} */
let localStream = null;
/** @type {string | null} */
let sessionId = null;
/** @type {string[]} */
const errors = [];
/** What happened when (epoch ms), for join-to-first-frame measurements and support diagnostics. */
/** @type {{at: number, event: string}[]} */
const timeline = [];
/** @param {string} event */
function mark(event) {
  timeline.push({ at: Date.now(), event });
}

state.subscribe((name) => {
  mark(`state:${name}`);
  renderState(status, name);
  if (state.finished) {
    endButton.hidden = true;
  }
});
renderState(status, state.name);

/** @param {string} text */
function fail(text) {
  errors.push(text);
  showAlert(alertBox, text);
}

if (!code) {
  fail('This link has no valid session code. Ask the agent to send the link again.');
  startButton.disabled = true;
}

startButton.addEventListener('click', () => {
  mark('start');
  void start();
});
endButton.addEventListener('click', () => {
  hangUp('You ended the call.');
});
unmuteButton.addEventListener('click', () => {
  unmuteButton.hidden = true;
  remoteAudio.play().catch(() => {});
});

async function start() {
  startButton.disabled = true;
  showAlert(alertBox, '');
  state.dispatch('start');
  try {
    localStream = await openCamera();
  } catch (e) {
    const name = e instanceof Error ? e.name : 'Error';
    fail(describeMediaError(name, window.isSecureContext));
    startButton.disabled = false;
    return;
  }
  intro.hidden = true;
  call.hidden = false;
  preview.srcObject = localStream;
  preview.play().catch(() => {});
  await connect(/** @type {string} */ (code), localStream);
}

/** @returns {Promise<MediaStream>} */
async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('no mediaDevices'), { name: 'TypeError' });
  }
  /** @type {MediaTrackConstraints} */
  const video = { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: true });
  } catch (e) {
    if (e instanceof Error && retryWithoutMicrophone(e.name)) {
      const stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      fail('No microphone is available: the agent will see you but not hear you.');
      return stream;
    }
    throw e;
  }
}

/**
 * @param {string} joinCode
 * @param {MediaStream} stream
 */
async function connect(joinCode, stream) {
  const signaling = new SignalingClient(signalingUrl(location));
  client = signaling;
  media = new MediaSession({
    sendAnswer: (revision, sdp) => signaling.request('media.answer', { revision, sdp, sessionId }),
    onTrack: (track) => {
      mark(`track:${track.kind}`);
      if (track.kind === 'audio') {
        remoteStream.addTrack(track);
        track.addEventListener('ended', () => remoteStream.removeTrack(track));
        remoteAudio.srcObject = remoteStream;
        play(remoteAudio, () => {
          unmuteButton.hidden = false;
        });
      }
    },
    onConnectionState: (connection) => {
      mark(`media:${connection}`);
      if (connection === 'connected') {
        state.dispatch('mediaConnected');
      } else if (connection === 'disconnected') {
        state.dispatch('mediaInterrupted');
      } else if (connection === 'failed') {
        fail('The video connection failed. Check the network and open the link again.');
        state.dispatch('fail');
      }
    },
    onError: (e) => fail(describeServerError(e)),
  });
  media.setLocalStream(stream);
  const session = media;

  signaling.on('media.offer', (offer) => {
    mark(`offer:${offer.revision}`);
    state.dispatch('offer');
    void session.handleOffer(/** @type {any} */ (offer));
  });
  signaling.on('error', (e) => fail(describeServerError({ code: e.code, message: e.message })));
  signaling.on('session.ended', (m) => hangUp(m.reason === 'agent_disconnected'
    ? 'The agent lost the connection. If you still need help, ask for a new link.'
    : 'The agent ended the call. Thank you!'));
  signaling.onClose((reason) => {
    if (!state.finished) {
      fail(describeServerError(reason));
      state.dispatch('fail');
      session.close();
    }
  });

  try {
    await signaling.connect();
    state.dispatch('signalingOpen');
    const welcome = await signaling.request('hello', { v: PROTOCOL_VERSION, role: 'customer', name: 'Customer' });
    signaling.adoptLimits(welcome);
    const joined = await signaling.request('session.join', { code: joinCode });
    sessionId = joined.sessionId ?? null;
    state.dispatch('sessionReady');
    const offer = await signaling.request('media.join', { sessionId });
    state.dispatch('offer');
    await session.handleOffer(/** @type {any} */ (offer));
  } catch (e) {
    fail(describeServerError(/** @type {any} */ (e)));
    state.dispatch('fail');
  }
}

/** @param {string} farewell */
function hangUp(farewell) {
  // ended first: closing the socket below must not read as a lost connection
  state.dispatch('end');
  if (client && !client.closed) {
    try {
      client.send('session.leave', { id: 'leave', sessionId });
    } catch {
      // the connection is already gone: nothing to tell the server
    }
    client.close();
  }
  media?.close();
  localStream?.getTracks().forEach((t) => t.stop());
  preview.srcObject = null;
  remoteAudio.srcObject = null;
  ended.textContent = farewell;
  ended.hidden = false;
}

/** Read-only view of the page for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    role: 'customer',
    get state() { return state.name; },
    get sessionCode() { return code; },
    get mediaState() { return media?.connectionState ?? 'new'; },
    get errors() { return [...errors]; },
    get timeline() { return timeline.map((entry) => ({ ...entry })); },
    inboundVideoStats: () => media?.inboundVideoStats(),
    inboundAudioStats: () => media?.inboundAudioStats(),
  }),
});
