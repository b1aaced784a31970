// @ts-check
/**
 * The customer page: explains the camera and microphone, asks for them on "Start" (a user gesture,
 * which iOS Safari needs), enters with the invite link's token (or the help page's), queues or
 * joins the session the token names, publishes the rear camera and the microphone, and plays the
 * agent's voice. During the call: the agent's name, the network's quality, a reconnecting notice,
 * the agent's markups and pointer over the camera view, photos instead of video while the server
 * judges the uplink too poor for video (`photo-fallback.js`), mute, switch camera, torch and zoom where
 * the phone has them, end with a confirmation, and the customer's consent to recording. Every
 * text comes from `i18n/<lang>.json`. The customer's own token is kept for the tab, so a reload gets back in
 * after the link is used up.
 *
 * Only what the first screen needs is imported up front; the call's modules load while the
 * customer reads it ({@link loadCallModules}), the markup overlay once there is a session.
 * Features of the call hook in where the comments say "feature hook": their messages on the
 * signaling client in {@link start}, their panel `#chat-region`, their layer `#stage-overlay`.
 * @module customer
 */

import { saveCustomerToken, savedCustomerToken } from './auth.js';
import { currentTranslator, onLanguageChange, t } from './i18n.js';
import { inviteTokenFromLocation } from './invite.js';
import { setUpPageLanguage } from './page-language.js';
import { element, play, showAlert, showCallState } from './ui.js';

/** @typedef {import('./call-state.js').Call} Call */
/** @typedef {import('./signaling-client.js').SignalingClient} SignalingClient */
/** @typedef {import('./annotation/overlay.js').MarkupOverlay} MarkupOverlay */
/** @typedef {import('./network-quality.js').NetworkAssessment} NetworkAssessment */
/** @typedef {import('./network-quality.js').NetworkSample} NetworkSample */
/** @typedef {{key: string, params?: Record<string, string | number>} | {text: string}} Message */

/** How often the network indicator samples the peer connection's statistics. */
const NETWORK_SAMPLE_MS = 2000;

const intro = element('intro', HTMLElement);
const callPanel = element('call', HTMLElement);
const startButton = element('start', HTMLButtonElement);
const endButton = element('end', HTMLButtonElement);
const unmuteButton = element('unmute', HTMLButtonElement);
const muteButton = element('mute', HTMLButtonElement);
const switchCameraButton = element('switch-camera', HTMLButtonElement);
const torchButton = element('torch', HTMLButtonElement);
const zoomControl = element('zoom-control', HTMLElement);
const zoomInput = element('zoom', HTMLInputElement);
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
const agentName = element('agent-name', HTMLElement);
const network = element('network', HTMLElement);
const networkText = element('network-text', HTMLElement);
const reconnecting = element('reconnecting', HTMLElement);
const confirmEnd = element('confirm-end', HTMLDialogElement);
const recordingConsent = element('recording-consent', HTMLDialogElement);
const recordingIndicator = element('recording-indicator', HTMLElement);
const recordingStopButton = element('recording-stop', HTMLButtonElement);
const photoMode = element('photo-mode', HTMLElement);
const photoCount = element('photo-count', HTMLElement);

const invite = inviteTokenFromLocation(location);
/**
 * Which entry this page is for: the invite link's token, `help` after the help page, or (after a
 * reload) the token of the link this tab used, whose customer token the tab kept.
 */
const entry = invite ?? new URLSearchParams(location.search).get('entry');
const remoteStream = new MediaStream();

/** @type {Call | null} created on Start */
let call = null;
/** Errors shown before there was a call (a broken link, a camera that would not open). */
/** @type {string[]} */
const pageErrors = [];
/** @type {any} the latest `queue.status`, for tests and diagnostics */
let queueStatus = null;
/** @type {MarkupOverlay | null} */
let overlay = null;
/** @type {ReturnType<typeof import('./session-extras.js').attachSessionExtras> | null} the chat and the frozen still */
let extras = null;
/** @type {MediaStream | null} */
let localStream = null;
/** @type {string | null} the agent's name, once in the session */
let agent = null;
/** @type {NetworkAssessment | null} */
let networkState = null;
/** @type {Message | null} what the alert region says */
let alertMessage = null;
/** @type {Message | null} why the call ended */
let farewell = null;
/** Whether the agent asked to record, what the customer answered, whether the call is recorded. */
const recording = { asked: false, consented: /** @type {boolean | null} */ (null), on: false };
/** @type {(() => void) | null} */
let renderState = null;
/** @type {import('./photo-fallback.js').PhotoFallback | null} photos instead of video on a poor uplink */
let photos = null;

/** @type {ReturnType<typeof importCallModules> | null} */
let callModules = null;

/** The modules of the call; their download starts as soon as the first screen is up. */
function loadCallModules() {
  callModules ??= importCallModules();
  return callModules;
}

async function importCallModules() {
  const [callState, signaling, messages, queueView, camera, networkQuality, sessionExtras, photoFallback] =
    await Promise.all([
      import('./call-state.js'), import('./signaling-client.js'), import('./messages.js'),
      import('./queue-view.js'), import('./camera-controls.js'), import('./network-quality.js'),
      import('./session-extras.js'), import('./photo-fallback.js')]);
  return { callState, signaling, messages, queueView, camera, networkQuality, sessionExtras, photoFallback };
}

/** @param {Message | null} message */
function text(message) {
  if (!message) {
    return '';
  }
  return 'key' in message ? t(message.key, message.params) : message.text;
}

/**
 * Shows a failure in the alert region and keeps it for diagnostics.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
function fail(key, params) {
  const shown = t(key, params);
  if (call) {
    call.fail(shown);
  } else {
    pageErrors.push(shown);
  }
  alertMessage = { key, params };
  showAlert(alertBox, shown);
}

/**
 * A server's or the connection's error as the customer reads it; the code stays for support.
 * @param {{code?: string, message?: string}} error
 * @returns {string}
 */
function describeError(error) {
  switch (error.code) {
    case 'connection.closed':
      return t('error.connectionLost');
    case 'timeout':
      return t('error.timeout');
    case 'invite_used':
      return t('error.linkUsed');
    case 'invite_expired':
    case 'token_expired':
      return t('error.linkExpired');
    case 'invalid_token':
      return t('error.linkIncomplete');
    default:
      return t('error.server', { code: error.code ?? 'error' });
  }
}

/** Renders every text that code sets, in the page's current language. */
function renderTexts() {
  renderState?.();
  if (queueStatus && !call?.sessionId) {
    void loadCallModules().then(({ queueView }) => {
      const described = queueView.describeQueueStatus(queueStatus);
      queueHeadline.textContent = described.headline;
      queueDetail.textContent = described.detail;
    });
  }
  agentName.textContent = agent ? t('call.agent', { name: agent }) : '';
  agentName.hidden = !agent;
  renderNetwork();
  renderPhotos();
  if (alertMessage) {
    showAlert(alertBox, text(alertMessage));
  }
  if (farewell) {
    ended.textContent = text(farewell);
  }
}

function renderNetwork() {
  const level = networkState?.level ?? 'unknown';
  network.dataset.level = level;
  const parts = [t(`network.${level}`)];
  if (networkState?.rttMs != null) {
    parts.push(t('network.rtt', { ms: Math.round(networkState.rttMs) }));
  }
  if (networkState?.lossPercent != null && networkState.lossPercent >= 1) {
    parts.push(t('network.loss', { percent: Math.round(networkState.lossPercent) }));
  }
  networkText.textContent = parts.join(' · ');
}

/** The photo-mode notice: shown while the server has the phone send photos instead of video. */
function renderPhotos() {
  const on = photos?.mode === 'snapshots';
  photoMode.hidden = !on;
  photoCount.textContent = on ? t('fallback.sent', { count: photos?.photosSent ?? 0 }) : '';
}

onLanguageChange(renderTexts);

startButton.addEventListener('click', () => {
  void start();
});
endButton.addEventListener('click', () => {
  confirmEnd.showModal();
});
element('confirm-end-no', HTMLButtonElement).addEventListener('click', () => confirmEnd.close());
element('confirm-end-yes', HTMLButtonElement).addEventListener('click', () => {
  confirmEnd.close();
  hangUp({ key: 'ended.byCustomer' });
});
leaveQueueButton.addEventListener('click', () => {
  leaveQueueButton.disabled = true;
  // the answer is `queue.left` as a reply, which the pushed-message handler does not see
  call?.client?.request('queue.leave')
    .then(() => hangUp({ key: 'ended.leftQueue' }))
    .catch(() => {
      // an agent took the customer meanwhile (`not_queued`): the call goes on
      leaveQueueButton.disabled = false;
    });
});
unmuteButton.addEventListener('click', () => {
  unmuteButton.hidden = true;
  remoteAudio.play().catch(() => {});
});
muteButton.addEventListener('click', () => {
  const track = localStream?.getAudioTracks()[0];
  if (track) {
    track.enabled = !track.enabled;
    muteButton.setAttribute('aria-pressed', String(!track.enabled));
  }
});
element('recording-accept', HTMLButtonElement).addEventListener('click', () => answerRecording(true));
element('recording-decline', HTMLButtonElement).addEventListener('click', () => answerRecording(false));
// closing the question without an answer (Escape, the back gesture) is a no
recordingConsent.addEventListener('cancel', (event) => {
  event.preventDefault();
  answerRecording(false);
});
recordingStopButton.addEventListener('click', () => {
  recordingStopButton.disabled = true;
  call?.client?.request('recording.stop', { sessionId: call.sessionId })
    .catch(() => {})
    .finally(() => {
      recordingStopButton.disabled = false;
    });
});

/**
 * Recording needs the customer's consent: the agent asks (`recording.consent.request`), the page
 * shows the question and answers with `recording.consent`; while the session is recorded
 * (`recording.started` until `recording.stopped`) a badge says so and the customer can stop it
 * (`recording.stop`). See docs/customer-page.md.
 * @param {SignalingClient} signaling
 */
function followRecording(signaling) {
  signaling.on('recording.consent.request', () => {
    recording.asked = true;
    call?.mark('recording:asked');
    if (!recordingConsent.open) {
      recordingConsent.showModal();
    }
  });
  signaling.on('recording.started', () => showRecording(true));
  signaling.on('recording.stopped', () => showRecording(false));
  signaling.on('recording.declined', () => {
    if (recordingConsent.open) {
      recordingConsent.close();
    }
  });
}

/** @param {boolean} granted */
function answerRecording(granted) {
  if (recordingConsent.open) {
    recordingConsent.close();
  }
  recording.asked = false;
  recording.consented = granted;
  call?.mark(`recording:${granted ? 'granted' : 'declined'}`);
  call?.client?.request('recording.consent', { sessionId: call.sessionId, granted }).catch(() => {});
}

/** @param {boolean} on */
function showRecording(on) {
  recording.on = on;
  call?.mark(`recording:${on ? 'on' : 'off'}`);
  recordingIndicator.hidden = !on;
  recordingStopButton.hidden = !on;
}

/**
 * The agent's name from a session's participants.
 * @param {any} message `session.joined`, `session.started` or `participant.joined`
 */
function learnAgent(message) {
  const people = message.participants ?? (message.participant ? [message.participant] : []);
  const found = people.find((/** @type {any} */ p) => p.role === 'agent');
  if (found?.name) {
    agent = String(found.name);
    renderTexts();
  }
}

async function start() {
  startButton.disabled = true;
  await pageReady;
  alertMessage = null;
  showAlert(alertBox, '');
  const modulesLoading = loadCallModules();
  let modules;
  try {
    modules = await modulesLoading;
  } catch {
    fail('error.connectionLost');
    startButton.disabled = false;
    return;
  }
  const { callState, signaling: signalingModule, queueView, camera, networkQuality, sessionExtras, photoFallback } = modules;
  const current = new callState.Call('customer', (shown) => {
    alertMessage = { text: shown };
    showAlert(alertBox, shown);
  }, { describeError });
  call = current;
  current.mark('start');
  renderState = showCallState(current.state, status, endButton, (name) => t(`state.${name}`));
  current.state.subscribe((name) => {
    reconnecting.hidden = name !== 'interrupted';
    network.hidden = !['negotiating', 'live', 'interrupted'].includes(name);
    muteButton.disabled = current.state.finished;
  });
  current.state.dispatch('start');
  try {
    localStream = await openCamera(camera.cameraConstraints(), modules.messages.retryWithoutMicrophone);
  } catch (e) {
    const name = e instanceof Error ? e.name : 'Error';
    fail(modules.messages.mediaErrorKey(name, window.isSecureContext), { name });
    startButton.disabled = false;
    return;
  }
  intro.hidden = true;
  callPanel.hidden = false;
  preview.srcObject = localStream;
  preview.play().catch(() => {});
  muteButton.hidden = localStream.getAudioTracks().length === 0;
  void setUpCamera(camera);
  const signaling = new signalingModule.SignalingClient(signalingModule.signalingUrl(location));
  signaling.on('session.ended', (m) => hangUp({
    key: m.reason === 'agent_disconnected' ? 'ended.agentLost' : 'ended.byAgent' }));
  signaling.on('queue.status', (m) => showQueueStatus(m, queueView));
  signaling.on('queue.left', () => hangUp({ key: 'ended.leftQueue' }));
  signaling.on('participant.joined', learnAgent);
  followRecording(signaling);
  const key = /** @type {string} */ (entry);
  const fallback = new photoFallback.PhotoFallback({
    sender: () => current.media?.pc?.getSenders().find((s) => s.track?.kind === 'video'),
    camera: () => localStream?.getVideoTracks()[0],
    video: preview,
    sessionId: () => current.sessionId,
    token: () => savedCustomerToken(sessionStorage, key, Date.now()),
    onChange: renderPhotos,
    mark: (event) => current.mark(event),
  });
  photos = fallback;
  // the server judges the uplink from what the relay receives and tells both pages; only this phone's state matters here
  signaling.on('media.fallback', (m) => {
    if (m.participantId === current.welcome?.participantId) {
      current.mark(`fallback:${m.mode}`);
      void fallback.apply(m.mode);
    }
  });
  signaling.on('photo.requested', (m) => {
    if (!m.replyTo) {
      current.mark('photo:requested');
      void fallback.sendPhoto(true);
    }
  });
  // registered before connecting, so the chat history and frozen still that follow the session's start are not missed
  extras = sessionExtras.attachSessionExtras({
    signaling,
    chatRoot: element('chat', HTMLElement),
    still: element('frozen-still', HTMLImageElement),
    frozenNote: element('frozen-note', HTMLElement),
    token: () => savedCustomerToken(sessionStorage, key, Date.now()),
    self: () => current.welcome?.participantId ?? null,
    sessionId: () => current.sessionId,
    t,
  });
  await current.connect(signaling, {
    resume: resumeStore(callState),
    token: /** @type {string} */ (savedCustomerToken(sessionStorage, key, Date.now()) ?? invite),
    currentToken: () => savedCustomerToken(sessionStorage, key, Date.now()),
    // the name the agent's console shows: the same word whatever the customer's language
    name: 'Customer',
    enter: async (welcome) => {
      if (welcome.token) {
        saveCustomerToken(sessionStorage, key, welcome.token, welcome.tokenExpiresAt);
        if (invite) {
          // the link is used up now and answers "already used": a reload must come back here instead
          const back = new URLSearchParams({ entry: invite });
          const lang = new URLSearchParams(location.search).get('lang');
          if (lang) {
            back.set('lang', lang);
          }
          history.replaceState(null, '', `/customer.html?${back}`);
        }
      }
      if (!welcome.sessionId) {
        // a help-page or queue link: the agent is found through the queue
        return waitInQueue(signaling, queueView);
      }
      const joined = await signaling.request('session.join');
      learnAgent(joined);
      return joined.sessionId ?? null;
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
    mediaFailure: t('error.mediaFailed'),
  });
  if (current.sessionId && current.welcome) {
    watchNetwork(current, networkQuality);
    await showMarkups(current);
  }
}

/**
 * The agent's markups over the customer's own camera view; the customer's finger is a pointer.
 * @param {Call} current
 */
async function showMarkups(current) {
  const [{ AnnotationClient, annotationUrl }, { MarkupOverlay }] = await Promise.all([
    import('./annotation/annotation-client.js'), import('./annotation/overlay.js')]);
  if (current.state.finished || !current.sessionId || !current.welcome) {
    return;
  }
  const client = new AnnotationClient({
    url: annotationUrl(location), sessionId: current.sessionId,
    participantId: current.welcome.participantId, token: current.welcome.resumeToken,
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

/**
 * Samples the peer connection's statistics for the network indicator while the call lasts.
 * @param {Call} current
 * @param {typeof import('./network-quality.js')} networkQuality
 */
function watchNetwork(current, networkQuality) {
  /** @type {NetworkSample | null} */
  let before = null;
  const timer = setInterval(async () => {
    if (current.state.finished) {
      clearInterval(timer);
      return;
    }
    const entries = await current.media?.statsEntries();
    if (!entries || entries.length === 0) {
      return;
    }
    const sample = networkQuality.networkSample(entries);
    networkState = networkQuality.assessNetwork(sample, before);
    before = sample;
    renderNetwork();
  }, NETWORK_SAMPLE_MS);
}

/**
 * Shows the torch, zoom and camera-switch controls that this phone's camera supports.
 * @param {typeof import('./camera-controls.js')} camera
 */
async function setUpCamera(camera) {
  const track = localStream?.getVideoTracks()[0];
  if (!track) {
    return;
  }
  const features = camera.cameraFeatures(track.getCapabilities?.(), track.getSettings());
  torchButton.hidden = !features.torch;
  torchButton.setAttribute('aria-pressed', 'false');
  zoomControl.hidden = !features.zoom;
  if (features.zoom) {
    zoomInput.min = String(features.zoom.min);
    zoomInput.max = String(features.zoom.max);
    zoomInput.step = String(features.zoom.step);
    zoomInput.value = String(features.zoom.value);
  }
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  switchCameraButton.hidden = devices.filter((d) => d.kind === 'videoinput').length < 2;
}

torchButton.addEventListener('click', () => {
  const track = localStream?.getVideoTracks()[0];
  const on = torchButton.getAttribute('aria-pressed') !== 'true';
  track?.applyConstraints(/** @type {any} */ ({ advanced: [{ torch: on }] }))
    .then(() => torchButton.setAttribute('aria-pressed', String(on)))
    .catch(() => {});
});
zoomInput.addEventListener('input', () => {
  const track = localStream?.getVideoTracks()[0];
  track?.applyConstraints(/** @type {any} */ ({ advanced: [{ zoom: Number(zoomInput.value) }] })).catch(() => {});
});
switchCameraButton.addEventListener('click', async () => {
  const current = localStream?.getVideoTracks()[0];
  if (!current || !localStream || !call) {
    return;
  }
  switchCameraButton.disabled = true;
  const { camera } = await loadCallModules();
  try {
    const next = await camera.openOtherCamera(current, (c) => navigator.mediaDevices.getUserMedia(c));
    const stream = new MediaStream([...localStream.getAudioTracks(), next]);
    const sender = call.media?.pc?.getSenders().find((s) => s.track?.kind === 'video' || s.track === current);
    await sender?.replaceTrack(next);
    if (sender) {
      // the new camera may be narrower or wider: one layer or three
      const { configureSimulcast } = await import('./media-session.js');
      await configureSimulcast(sender, next);
    }
    localStream = stream;
    call.media?.setLocalStream(stream);
    preview.srcObject = stream;
    preview.play().catch(() => {});
    call.mark('camera:switched');
    await setUpCamera(camera);
  } catch (e) {
    fail('media.switchFailed');
  } finally {
    switchCameraButton.disabled = false;
  }
});

/**
 * Joins the queue with the ticket the customer's token names and shows the place until an agent
 * accepts; resolves with the session then started.
 * @param {SignalingClient} signaling
 * @param {typeof import('./queue-view.js')} queueView
 * @returns {Promise<string>}
 */
async function waitInQueue(signaling, queueView) {
  /** @type {Promise<string>} */
  const started = new Promise((resolve) => {
    signaling.on('session.started', (m) => {
      call?.mark('session-started');
      queuePanel.hidden = true;
      learnAgent(m);
      resolve(m.sessionId);
    });
  });
  call?.mark('queued');
  call?.state.dispatch('queued');
  showQueueStatus(await signaling.request('queue.join'), queueView);
  return started;
}

/**
 * @param {any} update a `queue.status`
 * @param {typeof import('./queue-view.js')} queueView
 */
function showQueueStatus(update, queueView) {
  if (call?.sessionId) {
    return;
  }
  queueStatus = update;
  call?.mark(`queue:${update.state}:${update.position}`);
  const described = queueView.describeQueueStatus(update);
  queueHeadline.textContent = described.headline;
  queueDetail.textContent = described.detail;
  queuePanel.hidden = false;
}

/**
 * Opens the rear camera and the microphone; without a microphone, the camera alone.
 * @param {MediaTrackConstraints} video
 * @param {(name: string) => boolean} retryWithoutMicrophone
 * @returns {Promise<MediaStream>}
 */
async function openCamera(video, retryWithoutMicrophone) {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('no mediaDevices'), { name: 'TypeError' });
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: true });
  } catch (e) {
    if (e instanceof Error && retryWithoutMicrophone(e.name)) {
      const stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      fail('media.noMicrophone');
      return stream;
    }
    throw e;
  }
}

/** @param {Message} why */
function hangUp(why) {
  call?.end(true);
  photos?.stop();
  renderPhotos();
  preview.srcObject = null;
  remoteAudio.srcObject = null;
  reconnecting.hidden = true;
  network.hidden = true;
  for (const dialog of [recordingConsent, confirmEnd]) {
    if (dialog.open) {
      dialog.close();
    }
  }
  farewell = why;
  ended.textContent = text(why);
  ended.hidden = false;
}

/** Read-only view of the page for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze(Object.defineProperties({ role: 'customer' }, Object.getOwnPropertyDescriptors({
    get state() { return call?.state.name ?? 'idle'; },
    get mediaState() { return call?.media?.connectionState ?? 'new'; },
    get errors() { return [...pageErrors, ...(call?.errors ?? [])]; },
    get timeline() { return call?.timeline.map((e) => ({ ...e })) ?? []; },
    get entry() { return entry; },
    get queue() { return queueStatus; },
    get agent() { return agent; },
    get network() { return networkState; },
    get fallback() {
      return photos ? { mode: photos.mode, probing: photos.probing, photosSent: photos.photosSent,
        lastPhotoBytes: photos.lastPhotoBytes, lastError: photos.lastError }
        : { mode: 'video', probing: false, photosSent: 0, lastPhotoBytes: 0, lastError: null };
    },
    get recording() { return { ...recording }; },
    get language() { return currentTranslator().lang; },
    /** Keys looked up that the current language lacks, as `lang:key`. */
    get missingTexts() { return [...currentTranslator().misses]; },
    get markups() { return overlay ? overlay.client.log.visible() : []; },
    get markupSeq() { return overlay ? overlay.client.log.lastSeq : 0; },
    get session() { return extras ? extras.view() : null; },
    pictureRect: () => overlay?.rect() ?? null,
    inboundVideoStats: () => call?.media?.inboundVideoStats(),
    inboundAudioStats: () => call?.media?.inboundAudioStats(),
  }))),
});

const linkComplete = Boolean(entry && (invite || savedCustomerToken(sessionStorage, entry, Date.now())));
startButton.disabled = !linkComplete;

/**
 * Puts the page into the customer's language, then fetches the call's modules while the customer
 * reads the explanation. A Start pressed before the texts are in waits for them.
 */
async function setUp() {
  await setUpPageLanguage(element('language-picker', HTMLSelectElement));
  if (!linkComplete) {
    fail('error.linkIncomplete');
    return;
  }
  document.documentElement.dataset.ready = 'true';
  // the first-load benchmark reads this mark: the page is usable from here on
  performance.mark('customer-ready');
  let modules;
  try {
    modules = await loadCallModules();
  } catch {
    return; // Start says what failed
  }
  if (resumeStore(modules.callState).load()) {
    // a reload mid-call: the camera was allowed already, so the page takes its place again by itself
    void start();
  }
}

/**
 * Where this tab keeps the session it is in, so a reload returns to it.
 * @param {typeof import('./call-state.js')} callState
 */
function resumeStore(callState) {
  return new callState.ResumeStore(sessionStorage, `customer.${entry}`);
}

const pageReady = setUp();
