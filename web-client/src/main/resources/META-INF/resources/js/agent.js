// @ts-check
/**
 * The agent console: opens a support session, shows its join code and customer link, plays the
 * customer's camera and sound large, and sends the agent's microphone to the customer.
 * @module agent
 */

import { CallState } from './call-state.js';
import { customerLink } from './invite.js';
import { MediaSession } from './media-session.js';
import { describeServerError } from './messages.js';
import { PROTOCOL_VERSION, SignalingClient, signalingUrl } from './signaling-client.js';
import { copyText, element, play, renderState, showAlert } from './ui.js';

const setup = element('setup', HTMLElement);
const sessionPanel = element('session', HTMLElement);
const nameInput = element('agent-name', HTMLInputElement);
const createButton = element('create', HTMLButtonElement);
const codeOutput = element('code', HTMLElement);
const linkInput = element('link', HTMLInputElement);
const copyButton = element('copy', HTMLButtonElement);
const copied = element('copied', HTMLElement);
const remoteVideo = element('remote-video', HTMLVideoElement);
const placeholder = element('placeholder', HTMLElement);
const unmuteButton = element('unmute', HTMLButtonElement);
const status = element('status', HTMLElement);
const customerStatus = element('customer-status', HTMLElement);
const micStatus = element('mic-status', HTMLElement);
const endButton = element('end', HTMLButtonElement);
const alertBox = element('error', HTMLElement);

const state = new CallState();
const remoteStream = new MediaStream();
/** @type {SignalingClient | null} */
let client = null;
/** @type {MediaSession | null} */
let media = null;
/** @type {MediaStream | null} */
let microphone = null;
/** @type {{code: string, link: string, sessionId: string} | null} */
let session = null;
let customer = 'absent';
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

/** @param {'absent' | 'joined' | 'left'} presence */
function setCustomer(presence) {
  customer = presence;
  customerStatus.textContent = { absent: 'Customer has not joined yet', joined: 'Customer joined', left: 'Customer left' }[presence];
  customerStatus.dataset.presence = presence;
}

createButton.addEventListener('click', () => {
  void createSession();
});
copyButton.addEventListener('click', async () => {
  copied.hidden = !(await copyText(linkInput));
});
endButton.addEventListener('click', () => {
  endSession();
});
unmuteButton.addEventListener('click', () => {
  remoteVideo.muted = false;
  unmuteButton.hidden = true;
  remoteVideo.play().catch(() => {});
});
remoteVideo.addEventListener('playing', () => {
  mark('video:playing');
  placeholder.hidden = true;
});

async function createSession() {
  createButton.disabled = true;
  showAlert(alertBox, '');
  state.dispatch('start');
  microphone = await openMicrophone();
  const signaling = new SignalingClient(signalingUrl(location));
  client = signaling;
  const mediaSession = new MediaSession({
    sendAnswer: (revision, sdp) => signaling.request('media.answer', { revision, sdp, sessionId: session?.sessionId }),
    onTrack: showRemoteTrack,
    onConnectionState: (connection) => {
      mark(`media:${connection}`);
      if (connection === 'connected') {
        state.dispatch('mediaConnected');
      } else if (connection === 'disconnected') {
        state.dispatch('mediaInterrupted');
      } else if (connection === 'failed') {
        fail('The media connection to the server failed.');
        state.dispatch('fail');
      }
    },
    onError: (e) => fail(describeServerError(e)),
  });
  media = mediaSession;
  mediaSession.setLocalStream(microphone);

  signaling.on('media.offer', (offer) => {
    mark(`offer:${offer.revision}`);
    state.dispatch('offer');
    void mediaSession.handleOffer(/** @type {any} */ (offer));
  });
  signaling.on('participant.joined', (m) => {
    mark(`joined:${m.participant?.role}`);
    if (m.participant?.role === 'customer') {
      setCustomer('joined');
    }
  });
  signaling.on('participant.left', () => {
    mark('left:customer');
    setCustomer('left');
    placeholder.textContent = 'The customer left the call.';
    placeholder.hidden = false;
  });
  signaling.on('session.ended', (m) => finish(`Session ended${m.reason ? ` (${m.reason})` : ''}.`));
  signaling.on('error', (e) => fail(describeServerError({ code: e.code, message: e.message })));
  signaling.onClose((reason) => {
    if (!state.finished) {
      fail(describeServerError(reason));
      state.dispatch('fail');
      mediaSession.close();
    }
  });

  try {
    await signaling.connect();
    state.dispatch('signalingOpen');
    const name = nameInput.value.trim() || 'Agent';
    const welcome = await signaling.request('hello', { v: PROTOCOL_VERSION, role: 'agent', name });
    signaling.adoptLimits(welcome);
    const created = await signaling.request('session.create');
    session = {
      code: created.code,
      sessionId: created.sessionId,
      link: customerLink(created.link, created.code, location.href),
    };
    codeOutput.textContent = session.code;
    linkInput.value = session.link;
    setup.hidden = true;
    sessionPanel.hidden = false;
    setCustomer('absent');
    state.dispatch('sessionReady');
    const offer = await signaling.request('media.join', { sessionId: session.sessionId });
    state.dispatch('offer');
    await mediaSession.handleOffer(/** @type {any} */ (offer));
  } catch (e) {
    fail(describeServerError(/** @type {any} */ (e)));
    state.dispatch('fail');
    createButton.disabled = false;
  }
}

/** @returns {Promise<MediaStream | null>} the microphone, or null when the agent can only watch */
async function openMicrophone() {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    micStatus.textContent = 'Microphone on: the customer hears you';
    return stream;
  } catch (e) {
    micStatus.textContent = 'Microphone unavailable: the customer cannot hear you';
    fail(`Microphone unavailable (${e instanceof Error ? e.name : 'error'}); you can still watch.`);
    return null;
  }
}

/**
 * @param {MediaStreamTrack} track
 */
function showRemoteTrack(track) {
  mark(`track:${track.kind}`);
  remoteStream.addTrack(track);
  track.addEventListener('ended', () => remoteStream.removeTrack(track));
  if (remoteVideo.srcObject !== remoteStream) {
    remoteVideo.srcObject = remoteStream;
  }
  play(remoteVideo, (retry) => {
    // autoplay with sound was refused: show the picture muted and offer the sound on a click
    remoteVideo.muted = true;
    unmuteButton.hidden = false;
    retry();
  });
}

function endSession() {
  if (client && !client.closed) {
    try {
      client.send('session.leave', { id: 'leave', sessionId: session?.sessionId });
    } catch {
      // the connection is already gone: nothing to tell the server
    }
  }
  finish('You ended the session.');
}

/** @param {string} text */
function finish(text) {
  // ended first: closing the socket below must not read as a lost connection
  state.dispatch('end');
  client?.close();
  media?.close();
  microphone?.getTracks().forEach((t) => t.stop());
  remoteVideo.srcObject = null;
  placeholder.textContent = text;
  placeholder.hidden = false;
}

/** Read-only view of the console for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    role: 'agent',
    get state() { return state.name; },
    get sessionCode() { return session?.code ?? null; },
    get link() { return session?.link ?? null; },
    get customer() { return customer; },
    get mediaState() { return media?.connectionState ?? 'new'; },
    get errors() { return [...errors]; },
    get timeline() { return timeline.map((entry) => ({ ...entry })); },
    inboundVideoStats: () => media?.inboundVideoStats(),
    inboundAudioStats: () => media?.inboundAudioStats(),
  }),
});
