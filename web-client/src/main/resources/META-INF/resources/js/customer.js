// @ts-check
/**
 * The customer page: explains the camera and microphone, asks for them on "Start" (a user gesture,
 * which iOS Safari needs), enters with the invite link's token (or the help page's), joins the
 * session the token names, publishes the rear camera and the microphone, and plays the agent's
 * voice. The customer's own token is kept for the tab, so a reload gets back in after the link is
 * used up.
 * @module customer
 */

import { AnnotationClient, annotationUrl } from './annotation/annotation-client.js';
import { MarkupOverlay } from './annotation/overlay.js';
import { saveCustomerToken, savedCustomerToken } from './auth.js';
import { Call, ResumeStore } from './call-state.js';
import { inviteTokenFromLocation } from './invite.js';
import { describeMediaError, retryWithoutMicrophone } from './messages.js';
import { describeQueueStatus } from './queue-view.js';
import { attachSessionExtras } from './session-extras.js';
import { SignalingClient, signalingUrl } from './signaling-client.js';
import { element, play, showAlert, showCallState } from './ui.js';

const intro = element('intro', HTMLElement);
const callPanel = element('call', HTMLElement);
const startButton = element('start', HTMLButtonElement);
const endButton = element('end', HTMLButtonElement);
const unmuteButton = element('unmute', HTMLButtonElement);
const preview = element('preview', HTMLVideoElement);
const remoteAudio = element('remote-audio', HTMLAudioElement);
const status = element('status', HTMLElement);
const alertBox = element('error', HTMLElement);
const ended = element('ended', HTMLElement);
const markupCanvas = element('markup-canvas', HTMLCanvasElement);
const queuePanel = element('queue', HTMLElement);
const queueHeadline = element('queue-headline', HTMLElement);
const queueDetail = element('queue-detail', HTMLElement);
const leaveQueueButton = element('leave-queue', HTMLButtonElement);
/** @type {any} the latest `queue.status`, for tests and diagnostics */
let queueStatus = null;
/** @type {MarkupOverlay | null} */
let overlay = null;
/** @type {ReturnType<typeof attachSessionExtras> | null} the agent's name, the chat and the frozen still */
let extras = null;

const call = new Call('customer', (text) => showAlert(alertBox, text));
const invite = inviteTokenFromLocation(location);
/**
 * Which entry this page is for: the invite link's token, `help` after the help page, or (after a
 * reload) the token of the link this tab used, whose customer token the tab kept.
 */
const entry = invite ?? new URLSearchParams(location.search).get('entry');
const remoteStream = new MediaStream();
const resume = new ResumeStore(sessionStorage, `customer.${entry}`);

showCallState(call.state, status, endButton);

if (!entry || (!invite && !savedCustomerToken(sessionStorage, entry, Date.now()))) {
  call.fail('This link is not complete. Ask the agent to send the link again, or use the help page.');
  startButton.disabled = true;
}

startButton.addEventListener('click', () => {
  call.mark('start');
  void start();
});
if (entry && !startButton.disabled && resume.load()) {
  // a reload mid-call: the camera was allowed already, so the page takes its place again by itself
  call.mark('start:reload');
  void start();
}
endButton.addEventListener('click', () => {
  hangUp('You ended the call.');
});
leaveQueueButton.addEventListener('click', () => {
  leaveQueueButton.disabled = true;
  call.client?.request('queue.leave').catch(() => {});
});
unmuteButton.addEventListener('click', () => {
  unmuteButton.hidden = true;
  remoteAudio.play().catch(() => {});
});

async function start() {
  startButton.disabled = true;
  showAlert(alertBox, '');
  call.state.dispatch('start');
  /** @type {MediaStream} */
  let localStream;
  try {
    localStream = await openCamera();
  } catch (e) {
    const name = e instanceof Error ? e.name : 'Error';
    call.fail(describeMediaError(name, window.isSecureContext));
    startButton.disabled = false;
    return;
  }
  intro.hidden = true;
  callPanel.hidden = false;
  preview.srcObject = localStream;
  preview.play().catch(() => {});
  const signaling = new SignalingClient(signalingUrl(location));
  signaling.on('session.ended', (m) => hangUp(m.reason === 'agent_disconnected'
    ? 'The agent lost the connection. If you still need help, ask for a new link.'
    : 'The agent ended the call. Thank you!'));
  signaling.on('queue.status', showQueueStatus);
  signaling.on('queue.left', () => hangUp('You left the queue. Open the help page again if you still need help.'));
  const key = /** @type {string} */ (entry);
  extras = attachSessionExtras({
    signaling,
    chatRoot: element('chat', HTMLElement),
    still: element('frozen-still', HTMLImageElement),
    agentLine: element('agent-name', HTMLElement),
    frozenNote: element('frozen-note', HTMLElement),
    token: () => savedCustomerToken(sessionStorage, key, Date.now()),
    self: () => call.welcome?.participantId ?? null,
    sessionId: () => call.sessionId,
  });
  await call.connect(signaling, {
    resume,
    token: /** @type {string} */ (savedCustomerToken(sessionStorage, key, Date.now()) ?? invite),
    name: 'Customer',
    enter: async (welcome) => {
      if (welcome.token) {
        saveCustomerToken(sessionStorage, key, welcome.token, welcome.tokenExpiresAt);
        if (invite) {
          // the link is used up now and answers "already used": a reload must come back here instead
          history.replaceState(null, '', `/customer.html?entry=${encodeURIComponent(invite)}`);
        }
      }
      if (!welcome.sessionId) {
        // a help-page or queue link: the agent is found through the queue
        return waitInQueue(signaling);
      }
      return (await signaling.request('session.join')).sessionId ?? null;
    },
    localStream,
    onTrack: (track) => {
      if (track.kind === 'audio') {
        remoteStream.addTrack(track);
        track.addEventListener('ended', () => remoteStream.removeTrack(track));
        remoteAudio.srcObject = remoteStream;
        play(remoteAudio, () => {
          unmuteButton.hidden = false;
        });
      }
    },
    mediaFailure: 'The video connection failed. Check the network and open the link again.',
  });
  if (call.sessionId && call.welcome) {
    // the agent's markups over the customer's own camera view; the customer's finger is a pointer
    const client = new AnnotationClient({
      url: annotationUrl(location), sessionId: call.sessionId,
      participantId: call.welcome.participantId, token: call.welcome.resumeToken,
      onChange: () => {
        if (overlay) {
          overlay.tool = client.customerMayDraw ? 'stroke' : 'pointer';
          overlay.render();
        }
      },
      onPointer: () => overlay?.render(),
    });
    overlay = new MarkupOverlay(preview, markupCanvas, client);
    overlay.tool = 'pointer';
    client.connect();
  }
}

/**
 * Joins the queue with the ticket the customer's token names and shows the place until an agent
 * accepts; resolves with the session then started.
 * @param {SignalingClient} signaling
 * @returns {Promise<string>}
 */
async function waitInQueue(signaling) {
  /** @type {Promise<string>} */
  const started = new Promise((resolve) => {
    signaling.on('session.started', (m) => {
      call.mark('session-started');
      queuePanel.hidden = true;
      resolve(m.sessionId);
    });
  });
  call.mark('queued');
  call.state.dispatch('queued');
  showQueueStatus(await signaling.request('queue.join'));
  return started;
}

/** @param {any} status a `queue.status` */
function showQueueStatus(status) {
  if (call.sessionId) {
    return;
  }
  queueStatus = status;
  call.mark(`queue:${status.state}:${status.position}`);
  const text = describeQueueStatus(status);
  queueHeadline.textContent = text.headline;
  queueDetail.textContent = text.detail;
  queuePanel.hidden = false;
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
      call.fail('No microphone is available: the agent will see you but not hear you.');
      return stream;
    }
    throw e;
  }
}

/** @param {string} farewell */
function hangUp(farewell) {
  call.end(true);
  preview.srcObject = null;
  remoteAudio.srcObject = null;
  ended.textContent = farewell;
  ended.hidden = false;
}

/** Read-only view of the page for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: call.view({
    get entry() { return entry; },
    get queue() { return queueStatus; },
    get markups() { return overlay ? overlay.client.log.visible() : []; },
    get markupSeq() { return overlay ? overlay.client.log.lastSeq : 0; },
    get session() { return extras ? extras.view() : null; },
    pictureRect: () => overlay?.rect() ?? null,
  }),
});
