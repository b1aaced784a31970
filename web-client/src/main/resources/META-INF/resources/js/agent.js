// @ts-check
/**
 * The agent console: signs the agent in, opens a support session, shows its customer link, plays
 * the customer's camera and sound large, and sends the agent's microphone to the customer.
 * @module agent
 */

import { forgetLogin, saveLogin, savedLogin, signIn } from './auth.js';
import { Call } from './call-state.js';
import { AnnotationClient, annotationUrl } from './annotation/annotation-client.js';
import { MarkupOverlay } from './annotation/overlay.js';
import { customerLink } from './invite.js';
import { SignalingClient, signalingUrl } from './signaling-client.js';
import { element, play, showAlert, showCallState } from './ui.js';

const signinForm = element('signin', HTMLFormElement);
const usernameInput = element('username', HTMLInputElement);
const passwordInput = element('password', HTMLInputElement);
const signinButton = element('signin-button', HTMLButtonElement);
const signedIn = element('signed-in', HTMLElement);
const signoutButton = element('signout', HTMLButtonElement);
const setup = element('setup', HTMLElement);
const sessionPanel = element('session', HTMLElement);
const orderInput = element('order-number', HTMLInputElement);
const createButton = element('create', HTMLButtonElement);
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
const markupCanvas = element('markup-canvas', HTMLCanvasElement);
const toolSelect = element('markup-tool', HTMLSelectElement);
const colorInput = element('markup-color', HTMLInputElement);
const textInput = element('markup-text', HTMLInputElement);
const permitBox = element('markup-permit', HTMLInputElement);

const call = new Call('agent', (text) => showAlert(alertBox, text));
const remoteStream = new MediaStream();
/** @type {{link: string, ticketId: string} | null} */
let session = null;
let customer = 'absent';
/** @type {MarkupOverlay | null} */
let overlay = null;
/** @type {import('./auth.js').Login | null} */
let login = savedLogin(sessionStorage, Date.now());

showCallState(call.state, status, endButton);

/** @param {'absent' | 'joined' | 'left'} presence */
function setCustomer(presence) {
  customer = presence;
  customerStatus.textContent = { absent: 'Customer has not joined yet', joined: 'Customer joined', left: 'Customer left' }[presence];
  customerStatus.dataset.presence = presence;
}

function showSignedIn() {
  signinForm.hidden = login !== null;
  setup.hidden = login === null;
  signedIn.textContent = login ? `Signed in as ${login.name} (${login.role})` : '';
}
showSignedIn();

signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  signinButton.disabled = true;
  showAlert(alertBox, '');
  try {
    login = await signIn(fetch, usernameInput.value.trim(), passwordInput.value);
    saveLogin(sessionStorage, login);
    passwordInput.value = '';
    call.mark('signed-in');
    showSignedIn();
  } catch (e) {
    call.fail(e instanceof Error ? e.message : String(e));
  } finally {
    signinButton.disabled = false;
  }
});
signoutButton.addEventListener('click', () => {
  forgetLogin(sessionStorage);
  login = null;
  showSignedIn();
});
createButton.addEventListener('click', () => {
  void createSession();
});
copyButton.addEventListener('click', async () => {
  copied.hidden = !(await copyText(linkInput));
});
endButton.addEventListener('click', () => {
  finish('You ended the session.', true);
});
unmuteButton.addEventListener('click', () => {
  remoteVideo.muted = false;
  unmuteButton.hidden = true;
  remoteVideo.play().catch(() => {});
});
remoteVideo.addEventListener('playing', () => {
  call.mark('video:playing');
  placeholder.hidden = true;
});

async function createSession() {
  if (!login || login.expiresAt <= Date.now()) {
    forgetLogin(sessionStorage);
    login = null;
    showSignedIn();
    call.fail('Your sign-in has expired; sign in again.');
    return;
  }
  createButton.disabled = true;
  showAlert(alertBox, '');
  call.state.dispatch('start');
  const microphone = await openMicrophone();
  const signaling = new SignalingClient(signalingUrl(location));
  signaling.on('participant.joined', (m) => {
    call.mark(`joined:${m.participant?.role}`);
    if (m.participant?.role === 'customer') {
      setCustomer('joined');
    }
  });
  signaling.on('participant.left', () => {
    call.mark('left:customer');
    setCustomer('left');
    placeholder.textContent = 'The customer left the call.';
    placeholder.hidden = false;
  });
  signaling.on('session.ended', (m) => finish(m.reason === 'customer_left' || m.reason === 'customer_disconnected'
    ? 'The customer left the call.'
    : `Session ended${m.reason ? ` (${m.reason})` : ''}.`));

  const orderNumber = orderInput.value.trim();
  const joined = await call.connect(signaling, {
    token: login.token,
    enter: async () => {
      const created = await signaling.request('session.create', orderNumber ? { orderNumber } : {});
      session = { link: customerLink(created.link, location.href), ticketId: created.ticketId };
      linkInput.value = session.link;
      setup.hidden = true;
      sessionPanel.hidden = false;
      setCustomer('absent');
      return created.sessionId;
    },
    localStream: microphone,
    onTrack: showRemoteTrack,
    mediaFailure: 'The media connection to the server failed.',
  });
  if (!joined) {
    createButton.disabled = false;
    return;
  }
  startMarkups();
}

// the agent draws on the customer's video; markups and pointers travel on /annotations
function startMarkups() {
  if (!call.sessionId || !call.welcome) {
    return;
  }
  const client = new AnnotationClient({
    url: annotationUrl(location), sessionId: call.sessionId,
    participantId: call.welcome.participantId, token: call.welcome.resumeToken,
    onChange: () => overlay?.render(), onPointer: () => overlay?.render(),
    onReject: (m) => call.mark(`markup-rejected:${m.code}`),
  });
  overlay = new MarkupOverlay(remoteVideo, markupCanvas, client);
  client.connect();
  toolSelect.addEventListener('change', () => { if (overlay) { overlay.tool = toolSelect.value; } });
  colorInput.addEventListener('input', () => { if (overlay) { overlay.color = colorInput.value; } });
  textInput.addEventListener('input', () => { if (overlay) { overlay.text = textInput.value || ' '; } });
  permitBox.addEventListener('change', () => client.permit(permitBox.checked));
  for (const kind of ['undo', 'redo', 'clear']) {
    element(`markup-${kind}`, HTMLButtonElement).addEventListener('click', () => client.push({ kind }));
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
    call.fail(`Microphone unavailable (${e instanceof Error ? e.name : 'error'}); you can still watch.`);
    return null;
  }
}

/**
 * @param {MediaStreamTrack} track
 */
function showRemoteTrack(track) {
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

/**
 * @param {string} text
 * @param {boolean} [leave] the agent ended it: tell the server
 */
function finish(text, leave = false) {
  call.end(leave);
  remoteVideo.srcObject = null;
  placeholder.textContent = text;
  placeholder.hidden = false;
}

/**
 * Copies text to the clipboard, with the selection fallback for pages that are not a secure context.
 * @param {HTMLInputElement} source an input that holds the text
 * @returns {Promise<boolean>} whether the text was copied
 */
async function copyText(source) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(source.value);
      return true;
    } catch {
      // fall through to the selection-based copy
    }
  }
  source.select();
  // the legacy command is the only clipboard access outside a secure context
  return document.execCommand('copy');
}

/** Read-only view of the console for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: call.view({
    get signedIn() { return login?.username ?? null; },
    get ticketId() { return session?.ticketId ?? null; },
    get link() { return session?.link ?? null; },
    get customer() { return customer; },
    get markups() { return overlay ? overlay.client.log.visible() : []; },
    get markupSeq() { return overlay ? overlay.client.log.lastSeq : 0; },
    pictureRect: () => overlay?.rect() ?? null,
  }),
});
