// @ts-check
/**
 * The agent console: signs the agent in; lets it go online with its languages and products, see
 * the queue and its colleagues, and take customers as offers ring (or from the queue); or open a
 * session itself and hand out the customer link. In a session it plays the customer's camera and
 * sound large, sends the agent's microphone and lets it draw on the picture. One WebSocket carries
 * the agent's presence and one session at a time; when the session ends an online agent is back on
 * a fresh connection, ready for the next customer. In a session the agent draws, freezes the picture
 * on a still that the customer sees too, takes snapshots, chats, keeps ticket notes, invites a
 * colleague and ends with an outcome; keyboard shortcuts pick the tools (`?` lists them). A reload
 * mid-session takes the agent's place again (the resume token is kept in `sessionStorage`).
 * @module agent
 */

import { forgetLogin, saveLogin, savedLogin, signIn } from './auth.js';
import { Call, ResumeStore } from './call-state.js';
import { ChatPanel } from './chat-panel.js';
import { FrozenStill, captureFrame, snapshotUrl, uploadSnapshot, loadSnapshot } from './freeze-frame.js';
import { shortcutFor } from './shortcuts.js';
import { AnnotationClient, annotationUrl } from './annotation/annotation-client.js';
import { MarkupOverlay } from './annotation/overlay.js';
import { customerLink } from './invite.js';
import { describeServerError } from './messages.js';
import { QueueModel, clockDuration } from './queue-view.js';
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
const presenceForm = element('presence-form', HTMLFormElement);
const availabilitySelect = element('availability', HTMLSelectElement);
const languagesInput = element('languages', HTMLInputElement);
const categoriesInput = element('categories', HTMLInputElement);
const capacityInput = element('capacity', HTMLInputElement);
const autoAcceptBox = element('auto-accept', HTMLInputElement);
const presenceStatus = element('presence-status', HTMLElement);
const offerPanel = element('offer-panel', HTMLElement);
const offerWho = element('offer-who', HTMLElement);
const offerTicket = element('offer-ticket', HTMLElement);
const offerCountdown = element('offer-countdown', HTMLElement);
const acceptButton = element('accept', HTMLButtonElement);
const declineButton = element('decline', HTMLButtonElement);
const queuePanel = element('queue-panel', HTMLElement);
const queueCount = element('queue-count', HTMLElement);
const queueRows = element('queue-rows', HTMLElement);
const queueEmpty = element('queue-empty', HTMLElement);
const board = element('board', HTMLElement);
const ticketLine = element('ticket', HTMLElement);
const inviteBox = element('invite', HTMLElement);
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
const frozenStillImage = element('frozen-still', HTMLImageElement);
const frozenBadge = element('frozen-badge', HTMLElement);
const freezeButton = element('freeze', HTMLButtonElement);
const snapshotButton = element('snapshot', HTMLButtonElement);
const snapshotList = element('snapshots', HTMLElement);
const photoBadge = element('photo-badge', HTMLElement);
const takePhotoButton = element('take-photo', HTMLButtonElement);
const ticketFields = element('ticket-fields', HTMLElement);
const ticketNotes = element('ticket-notes', HTMLElement);
const noteForm = element('note-form', HTMLFormElement);
const noteText = element('note-text', HTMLInputElement);
const inviteForm = element('invite-form', HTMLFormElement);
const inviteAgent = element('invite-agent', HTMLSelectElement);
const inviteRole = element('invite-role', HTMLSelectElement);
const inviteStatus = element('invite-status', HTMLElement);
const invitationPanel = element('invitation-panel', HTMLElement);
const invitationText = element('invitation-text', HTMLElement);
const endDialog = element('end-dialog', HTMLDialogElement);
const endForm = element('end-form', HTMLFormElement);
const endNote = element('end-note', HTMLTextAreaElement);
const helpDialog = element('help-dialog', HTMLDialogElement);

/** Quick replies of the chat: what agents type again and again. */
const QUICK_REPLIES = [
  'Could you move the camera a little closer?',
  'Please hold the camera still for a moment.',
  'Can you turn on more light?',
  'Thank you, that helps.',
];
const resume = new ResumeStore(sessionStorage, 'agent');

/**
 * The connection of the moment: its call (signaling and one session's media), the promise that it
 * is open, and how to hand it the session that starts.
 * @typedef {{call: Call, signaling: SignalingClient, open: Promise<boolean>,
 *   start: (sessionId: string) => void}} Line
 */

/** @type {Line | null} */
let line = null;
const queue = new QueueModel();
/** @type {{link: string | null, ticketId: string | null, ticket: any} | null} */
let session = null;
let customer = 'absent';
/** @type {string | null} the customer's participant id in the current session */
let customerId = null;
/** The receiver's role in the current session: `agent`, or `expert` / `observer` when invited. */
let role = 'agent';
/** @type {any} the agent's presence as the server last stated it */
let presence = null;
/** @type {any} the offer ringing now */
let offer = null;
/** @type {MarkupOverlay | null} */
let overlay = null;
/** @type {{sessionId: string, role: string} | null} the invitation waiting for an answer */
let invitation = null;
/** @type {{snapshotId: string, url: string, at: number}[]} this session's snapshots, oldest first */
let snapshots = [];
/** @type {{noteId: string, name: string, text: string, at: number}[]} */
let notes = [];
/**
 * The customer's picture: `video`, or `snapshots` while the server judges the customer's uplink too
 * poor for video and the phone sends photos; with what was measured then.
 * @type {{mode: string, reason: string | null, uplinkKbps: number, lossPercent: number}}
 */
let customerPicture = { mode: 'video', reason: null, uplinkKbps: 0, lossPercent: 0 };
/** @type {string | null} the customer photo this console froze the view on by itself in photo mode */
let autoFrozen = null;
/** @type {string | null} the outcome the agent ended the last session with */
let lastOutcome = null;
const frozen = new FrozenStill(frozenStillImage, () => login?.token ?? null, (on) => {
  frozenBadge.hidden = !on;
  freezeButton.textContent = on ? 'Back to live' : 'Freeze frame';
  freezeButton.setAttribute('aria-pressed', String(on));
});
const chat = new ChatPanel({
  root: element('chat-panel', HTMLElement),
  self: () => line?.call.welcome?.participantId ?? null,
  quickReplies: QUICK_REPLIES,
  send: async (text) => {
    if (!line?.call.sessionId) {
      throw new Error('There is no session.');
    }
    return line.signaling.request('chat.send', { sessionId: line.call.sessionId, text });
  },
});
/** @type {MediaStream | null} */
let microphone = null;
/** @type {import('./auth.js').Login | null} */
let login = savedLogin(sessionStorage, Date.now());
/** Calls of this page, oldest first, for diagnostics: each connection's errors and timeline. */
/** @type {Call[]} */
const calls = [];
const remoteStream = new MediaStream();

/** @param {'absent' | 'joined' | 'left'} presenceOfCustomer */
function setCustomer(presenceOfCustomer) {
  customer = presenceOfCustomer;
  customerStatus.textContent = { absent: 'Customer has not joined yet', joined: 'Customer joined', left: 'Customer left' }[presenceOfCustomer];
  customerStatus.dataset.presence = presenceOfCustomer;
}

function showSignedIn() {
  signinForm.hidden = login !== null;
  setup.hidden = login === null;
  signedIn.textContent = login ? `Signed in as ${login.name} (${login.role})` : '';
  if (login) {
    languagesInput.value ||= (login.languages ?? []).join(', ');
    categoriesInput.value ||= (login.categories ?? []).join(', ');
  }
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
    currentCall().mark('signed-in');
    showSignedIn();
  } catch (e) {
    currentCall().fail(e instanceof Error ? e.message : String(e));
  } finally {
    signinButton.disabled = false;
  }
});
signoutButton.addEventListener('click', () => {
  line?.call.end(false);
  line = null;
  forgetLogin(sessionStorage);
  login = null;
  presence = null;
  showSignedIn();
});
presenceForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void declarePresence();
});
createButton.addEventListener('click', () => {
  void createSession();
});
acceptButton.addEventListener('click', () => {
  void answerOffer('offer.accept');
});
declineButton.addEventListener('click', () => {
  void answerOffer('offer.decline');
});
copyButton.addEventListener('click', async () => {
  copied.hidden = !(await copyText(linkInput));
});
endButton.addEventListener('click', () => {
  if (!line?.call.sessionId || role !== 'agent' || customer !== 'joined') {
    // nobody to record an outcome for (or not this agent's session): just leave
    finish('You left the session.', true);
    return;
  }
  endForm.reset();
  endDialog.showModal();
});
unmuteButton.addEventListener('click', () => {
  remoteVideo.muted = false;
  unmuteButton.hidden = true;
  remoteVideo.play().catch(() => {});
});
remoteVideo.addEventListener('playing', () => {
  currentCall().mark('video:playing');
  placeholder.hidden = true;
});

/** What the page records before the first connection (sign-in failures). */
const idleCall = new Call('agent', (text) => showAlert(alertBox, text));
calls.push(idleCall);
showCallState(idleCall.state, status, endButton);

/** @returns {Call} the call of the current connection, or the idle one before any */
function currentCall() {
  return line ? line.call : idleCall;
}

/** @returns {boolean} whether the sign-in still holds; otherwise asks to sign in again */
function signedInStill() {
  if (login && login.expiresAt > Date.now()) {
    return true;
  }
  forgetLogin(sessionStorage);
  login = null;
  showSignedIn();
  currentCall().fail('Your sign-in has expired; sign in again.');
  return false;
}

/**
 * The open connection, opened when there is none (or the last one ended): `hello` with the staff
 * token, then it waits for a session, which an accepted offer, a pick, an auto-accept or a created
 * session starts.
 * @returns {Promise<Line | null>}
 */
async function connection() {
  if (line && !line.call.state.finished) {
    return (await line.open) ? line : null;
  }
  if (!signedInStill() || !login) {
    return null;
  }
  microphone ??= await openMicrophone();
  const call = new Call('agent', (text) => showAlert(alertBox, text));
  calls.push(call);
  showCallState(call.state, status, endButton);
  const signaling = new SignalingClient(signalingUrl(location));
  /** @type {(open: boolean) => void} */
  let opened = () => {};
  /** @type {(sessionId: string) => void} */
  let start = () => {};
  const open = new Promise((resolve) => { opened = resolve; });
  const started = new Promise((resolve) => { start = resolve; });
  const current = { call, signaling, open, start: (/** @type {string} */ id) => start(id) };
  line = current;
  listen(signaling, current);
  void call.connect(signaling, {
    resume,
    token: login.token,
    enter: async () => {
      opened(true);
      return started;
    },
    localStream: microphone,
    onTrack: showRemoteTrack,
    mediaFailure: 'The media connection to the server failed.',
  }).then((ok) => {
    opened(false);
    if (ok && call.sessionId) {
      startMarkups(call);
    }
  });
  return (await open) ? current : null;
}

/**
 * What the server pushes on a connection: the queue and the board, offers, the session starting
 * and ending, the customer coming and going.
 * @param {SignalingClient} signaling
 * @param {Line} current
 */
function listen(signaling, current) {
  signaling.on('presence.state', showPresence);
  signaling.on('queue.snapshot', (m) => {
    queue.reset(m);
    renderQueue();
  });
  signaling.on('queue.update', (m) => {
    queue.apply(m);
    renderQueue();
  });
  signaling.on('offer', showOffer);
  signaling.on('offer.withdrawn', (m) => {
    if (offer?.offerId === m.offerId) {
      current.call.mark(`offer-withdrawn:${m.reason}`);
      hideOffer();
    }
  });
  signaling.on('session.started', (m) => {
    if (!m.resumed) {
      sessionStarted(current, m);
    } else {
      resumedSession(current, m);
    }
  });
  signaling.on('chat.history', (m) => chat.history(m));
  signaling.on('chat.message', (m) => chat.receive(m));
  signaling.on('session.frozen', (m) => void frozen.show(m).catch((e) => current.call.fail(String(e.message))));
  signaling.on('session.unfrozen', () => frozen.hide());
  signaling.on('ticket.noted', addNote);
  signaling.on('media.fallback', (m) => showCustomerPicture(current, m));
  signaling.on('snapshot.added', (m) => addCustomerPhoto(current, m));
  signaling.on('session.invited', showInvitation);
  signaling.on('invite.declined', (m) => {
    inviteStatus.textContent = `${agentName(m.agentId)} declined the invitation.`;
  });
  signaling.on('participant.joined', (m) => {
    current.call.mark(`joined:${m.participant?.role}`);
    if (m.participant?.role === 'customer') {
      customerId = m.participant.participantId;
      setCustomer('joined');
    } else {
      inviteStatus.textContent = `${m.participant?.name} joined as ${m.participant?.role}.`;
    }
  });
  signaling.on('participant.left', (m) => {
    if (m.participantId !== customerId) {
      inviteStatus.textContent = 'A colleague left the session.';
      return;
    }
    current.call.mark('left:customer');
    setCustomer('left');
    placeholder.textContent = 'The customer left the call.';
    placeholder.hidden = false;
  });
  signaling.on('session.ended', (m) => finish(m.reason === 'customer_left' || m.reason === 'customer_disconnected'
    ? 'The customer left the call.'
    : m.outcome ? `Session ended: ${OUTCOME_LABELS[m.outcome] ?? m.outcome}.`
      : `Session ended${m.reason ? ` (${m.reason})` : ''}.`));
}

async function declarePresence() {
  const current = await connection();
  if (!current) {
    return;
  }
  const languages = listOf(languagesInput.value);
  const categories = listOf(categoriesInput.value);
  try {
    showPresence(await current.signaling.request('presence.set', {
      availability: availabilitySelect.value,
      languages: languages.length > 0 ? languages : undefined,
      categories,
      capacity: Number(capacityInput.value) || 1,
      autoAccept: autoAcceptBox.checked,
    }));
    showAlert(alertBox, '');
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
}

/** @param {string} text comma- or space-separated values */
function listOf(text) {
  return text.split(/[,\s]+/).map((v) => v.trim()).filter((v) => v !== '');
}

/** @param {any} state a `presence.state` */
function showPresence(state) {
  presence = state;
  currentCall().mark(`presence:${state.availability}${state.reason ? `:${state.reason}` : ''}`);
  const online = state.availability !== 'offline';
  availabilitySelect.value = state.availability;
  presenceStatus.dataset.availability = state.availability;
  presenceStatus.textContent = state.reason === 'missed_offer'
    ? 'Away: an offer rang out. Set yourself available when you are back.'
    : { available: 'Available for customers', busy: 'Busy: no new customers', away: 'Away', offline: 'Offline' }[
      /** @type {'available' | 'busy' | 'away' | 'offline'} */ (state.availability)] ?? state.availability;
  queuePanel.hidden = !online;
  presenceForm.querySelector('button')?.replaceChildren(online ? 'Update' : 'Go online');
}

function renderQueue() {
  const now = Date.now();
  const entries = queue.ordered();
  queueCount.textContent = queue.waiting === 0 ? ''
    : `(${queue.waiting} waiting${queue.waiting > entries.length ? `, the ${entries.length} most urgent shown` : ''})`;
  queueEmpty.hidden = entries.length > 0;
  queueRows.replaceChildren(...entries.map((entry) => {
    const row = document.createElement('tr');
    row.dataset.ticketId = entry.ticketId;
    row.dataset.state = entry.state;
    const cells = [
      entry.name,
      entry.ticket.language,
      [entry.ticket.category, entry.ticket.product].filter(Boolean).join(' · '),
      [entry.ticket.tier === 'vip' ? 'VIP' : '', entry.ticket.severity !== 'normal' ? entry.ticket.severity : '',
        entry.ticket.repeatContact ? 'repeat' : ''].filter(Boolean).join(', ') || '—',
    ].map((text) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      return cell;
    });
    if (entry.ticket.tier === 'vip') {
      cells[3].className = 'tier-vip';
    }
    const waiting = document.createElement('td');
    waiting.className = 'waiting';
    waiting.dataset.joinedAt = String(entry.joinedAt);
    waiting.textContent = clockDuration(now - entry.joinedAt);
    const action = document.createElement('td');
    if (entry.state === 'waiting') {
      const take = document.createElement('button');
      take.type = 'button';
      take.className = 'secondary';
      take.textContent = 'Take';
      take.addEventListener('click', () => void pick(entry.ticketId));
      action.append(take);
    } else {
      action.textContent = 'ringing';
    }
    row.append(...cells, waiting, action);
    return row;
  }));
  if (!sessionPanel.hidden) {
    refreshInviteChoices();
  }
  board.replaceChildren(...queue.board().map((agent) => {
    const item = document.createElement('li');
    item.dataset.availability = agent.availability;
    item.textContent = `${agent.name}: ${agent.availability}, ${agent.sessions}/${agent.capacity}`;
    return item;
  }));
}

// waiting times tick on the page; the server only says when each customer joined
setInterval(() => {
  const now = Date.now();
  for (const cell of queueRows.querySelectorAll('td.waiting')) {
    const joinedAt = Number(/** @type {HTMLElement} */ (cell).dataset.joinedAt);
    cell.textContent = clockDuration(now - joinedAt);
  }
  if (offer) {
    const left = Math.max(0, Math.ceil((offer.expiresAt - now) / 1000));
    offerCountdown.textContent = `Answer within ${left} s, or the customer goes to the next agent.`;
  }
}, 1000);

/** @param {any} incoming an `offer` */
function showOffer(incoming) {
  offer = incoming;
  currentCall().mark('offer');
  const t = incoming.ticket ?? {};
  offerWho.textContent = `${incoming.name}${incoming.previousAgent ? ' (you helped them before)' : ''}`;
  offerTicket.textContent = [t.language, t.category, t.product, t.orderNumber && `order ${t.orderNumber}`,
    t.tier === 'vip' && 'VIP', t.severity !== 'normal' && t.severity, t.description && `“${t.description}”`]
    .filter(Boolean).join(' · ');
  offerCountdown.textContent = `Answer within ${Math.round(incoming.timeoutMs / 1000)} s, or the customer goes to the next agent.`;
  offerPanel.hidden = false;
  acceptButton.disabled = false;
  declineButton.disabled = false;
}

function hideOffer() {
  offer = null;
  offerPanel.hidden = true;
}

/** @param {'offer.accept' | 'offer.decline'} type */
async function answerOffer(type) {
  if (!offer || !line) {
    return;
  }
  const { offerId } = offer;
  acceptButton.disabled = true;
  declineButton.disabled = true;
  try {
    const reply = await line.signaling.request(type, { offerId });
    hideOffer();
    if (reply.type === 'session.started') {
      sessionStarted(line, reply);
    }
  } catch (e) {
    hideOffer();
    line.call.fail(describeServerError(/** @type {any} */ (e)));
  }
}

/** @param {string} ticketId */
async function pick(ticketId) {
  const current = await connection();
  if (!current) {
    return;
  }
  try {
    sessionStarted(current, await current.signaling.request('queue.pick', { ticketId }));
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
}

async function createSession() {
  createButton.disabled = true;
  showAlert(alertBox, '');
  const current = await connection();
  if (!current) {
    createButton.disabled = false;
    return;
  }
  const orderNumber = orderInput.value.trim();
  try {
    const created = await current.signaling.request('session.create', orderNumber ? { orderNumber } : {});
    session = { link: customerLink(created.link, location.href), ticketId: created.ticketId, ticket: null };
    linkInput.value = session.link;
    showSession(false);
    setCustomer('absent');
    current.start(created.sessionId);
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  } finally {
    createButton.disabled = false;
  }
}

/**
 * A session from the queue started: the stage shows it and the call joins its media.
 * @param {Line} current
 * @param {any} started `session.started`
 */
function sessionStarted(current, started) {
  if (current.call.sessionId === started.sessionId) {
    return;
  }
  hideOffer();
  showStartedSession(started);
  current.start(started.sessionId);
}

/**
 * The session this page had before a reload: the stage shows it again, with its snapshots and notes.
 * @param {Line} current
 * @param {any} started `session.started` with `resumed`
 */
function resumedSession(current, started) {
  current.call.mark('session-resumed');
  showStartedSession(started);
  void loadJournal(started.sessionId);
}

/** @param {any} started `session.started` */
function showStartedSession(started) {
  const t = started.ticket ?? {};
  session = { link: null, ticketId: t.ticketId ?? null, ticket: t };
  role = started.role ?? 'agent';
  ticketLine.textContent = [t.language, t.category, t.product, t.orderNumber && `order ${t.orderNumber}`,
    t.description && `“${t.description}”`].filter(Boolean).join(' · ');
  showTicket(t);
  showSession(true);
  const customerParticipant = (started.participants ?? []).find((/** @type {any} */ p) => p.role === 'customer');
  customerId = customerParticipant?.participantId ?? null;
  setCustomer(customerParticipant ? 'joined' : 'absent');
}

/** @param {boolean} fromQueue */
function showSession(fromQueue) {
  snapshots = [];
  notes = [];
  customerPicture = { mode: 'video', reason: null, uplinkKbps: 0, lossPercent: 0 };
  autoFrozen = null;
  photoBadge.hidden = true;
  renderSnapshots();
  renderNotes();
  frozen.hide();
  chat.clear();
  inviteStatus.textContent = '';
  refreshInviteChoices();
  ticketLine.hidden = !fromQueue;
  inviteBox.hidden = fromQueue;
  copied.hidden = true;
  placeholder.textContent = "Waiting for the customer's camera…";
  placeholder.hidden = false;
  endButton.hidden = false;
  setup.hidden = true;
  sessionPanel.hidden = false;
}

// the agent draws on the customer's video; markups and pointers travel on /annotations
/** @param {Call} call */
function startMarkups(call) {
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
  overlay.tool = toolSelect.value;
  overlay.color = colorInput.value;
  client.connect();
}
toolSelect.addEventListener('change', () => { if (overlay) { overlay.tool = toolSelect.value; } });
colorInput.addEventListener('input', () => { if (overlay) { overlay.color = colorInput.value; } });
textInput.addEventListener('input', () => { if (overlay) { overlay.text = textInput.value || ' '; } });
permitBox.addEventListener('change', () => overlay?.client.permit(permitBox.checked));
for (const kind of ['undo', 'redo', 'clear']) {
  element(`markup-${kind}`, HTMLButtonElement).addEventListener('click', () => overlay?.client.push({ kind }));
}

/** @returns {Promise<MediaStream | null>} the microphone, or null when the agent can only watch */
async function openMicrophone() {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    micStatus.textContent = 'Microphone on: the customer hears you';
    return stream;
  } catch (e) {
    micStatus.textContent = 'Microphone unavailable: the customer cannot hear you';
    currentCall().fail(`Microphone unavailable (${e instanceof Error ? e.name : 'error'}); you can still watch.`);
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
 * Ends the session on this page; an agent who is online goes back to the queue on a new connection.
 * @param {string} text
 * @param {boolean} [leave] the agent ended it: tell the server
 */
function finish(text, leave = false) {
  if (endDialog.open) {
    endDialog.close();
  }
  frozen.hide();
  const ended = line;
  ended?.call.end(leave);
  overlay?.client.close();
  overlay = null;
  remoteStream.getTracks().forEach((t) => remoteStream.removeTrack(t));
  remoteVideo.srcObject = null;
  placeholder.textContent = text;
  placeholder.hidden = false;
  hideOffer();
  if (presence && presence.availability !== 'offline' && login) {
    // the presence is declared again on the next connection, with the form as it stands
    line = null;
    setup.hidden = false;
    void declarePresence();
  }
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

/** Read-only view of the console for automated tests and support diagnostics; it follows the current connection. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    role: 'agent',
    get state() { return currentCall().state.name; },
    get signedIn() { return login?.username ?? null; },
    get ticketId() { return session?.ticketId ?? null; },
    get link() { return session?.link ?? null; },
    get customer() { return customer; },
    get presence() { return presence?.availability ?? 'offline'; },
    get offer() { return offer ? { offerId: offer.offerId, name: offer.name, ticketId: offer.ticketId } : null; },
    get queue() { return queue.ordered().map((e) => ({ ticketId: e.ticketId, name: e.name, state: e.state })); },
    get sessions() { return calls.filter((c) => c.sessionId).length; },
    get markups() { return overlay ? overlay.client.log.visible() : []; },
    get markupSeq() { return overlay ? overlay.client.log.lastSeq : 0; },
    get sessionId() { return line?.call.sessionId ?? null; },
    get tool() { return overlay?.tool ?? toolSelect.value; },
    get color() { return overlay?.color ?? colorInput.value; },
    get frozen() { return frozen.snapshotId; },
    get stillShown() { return frozen.loaded && !frozenStillImage.hidden; },
    get snapshots() { return snapshots.map((s) => s.snapshotId); },
    get customerPicture() { return { ...customerPicture }; },
    get chat() { return chat.log.messages.map((m) => ({ from: m.from, role: m.role, name: m.name, text: m.text })); },
    get notes() { return notes.map((n) => n.text); },
    get outcome() { return lastOutcome; },
    pictureRect: () => overlay?.rect() ?? null,
    get mediaState() { return currentCall().media?.connectionState ?? 'new'; },
    get errors() { return calls.flatMap((c) => c.errors); },
    get timeline() { return calls.flatMap((c) => c.timeline.map((entry) => ({ ...entry }))); },
    inboundVideoStats: () => currentCall().media?.inboundVideoStats(),
    inboundAudioStats: () => currentCall().media?.inboundAudioStats(),
  }),
});

/** What each outcome reads as. */
const OUTCOME_LABELS = /** @type {Record<string, string>} */ ({
  resolved_remotely: 'resolved remotely',
  replacement: 'replacement',
  return: 'return',
  escalated: 'escalated',
});

// ---- the ticket panel

/** @param {any} t the session's ticket */
function showTicket(t) {
  const rows = [['Order', t.orderNumber], ['Product', t.product], ['Category', t.category], ['Language', t.language],
    ['Customer says', t.description], ['Priority', [t.tier === 'vip' ? 'VIP' : '', t.severity && t.severity !== 'normal'
      ? t.severity : '', t.repeatContact ? 'repeat contact' : ''].filter(Boolean).join(', ')]];
  ticketFields.replaceChildren(...rows.flatMap(([name, value]) => {
    const term = document.createElement('dt');
    term.textContent = name;
    const definition = document.createElement('dd');
    definition.textContent = value || '—';
    return [term, definition];
  }));
}

/** @param {any} note a `ticket.noted` */
function addNote(note) {
  if (!notes.some((n) => n.noteId === note.noteId)) {
    notes.push({ noteId: note.noteId, name: note.name, text: note.text, at: note.at });
    renderNotes();
  }
}

function renderNotes() {
  ticketNotes.replaceChildren(...notes.map((n) => {
    const item = document.createElement('li');
    item.textContent = `${n.name}: ${n.text}`;
    return item;
  }));
}

noteForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = noteText.value.trim();
  if (!text || !line?.call.sessionId) {
    return;
  }
  try {
    addNote(await line.signaling.request('ticket.note', { sessionId: line.call.sessionId, text }));
    noteText.value = '';
  } catch (e) {
    line.call.fail(describeServerError(/** @type {any} */ (e)));
  }
});

/**
 * After a reload: the snapshots and notes the session kept.
 * @param {string} sessionId
 */
async function loadJournal(sessionId) {
  if (!login) {
    return;
  }
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}`,
      { headers: { Authorization: `Bearer ${login.token}` } });
    if (!response.ok) {
      return;
    }
    const journal = await response.json();
    snapshots = (journal.snapshots ?? []).map((/** @type {any} */ s) => ({ snapshotId: s.snapshotId, url: s.url, at: s.at }));
    renderSnapshots();
    for (const note of journal.notes ?? []) {
      addNote(note);
    }
  } catch {
    // the panel stays empty; nothing in the session depends on it
  }
}

// ---- freeze-frame and snapshots

/** @returns {Promise<{snapshotId: string, url: string, at: number} | null>} a snapshot of the picture now */
async function takeSnapshot() {
  const sessionId = line?.call.sessionId;
  if (!sessionId || !login) {
    return null;
  }
  try {
    const image = await captureFrame(remoteVideo);
    const taken = await uploadSnapshot(fetch, sessionId, image, login.token);
    const snapshot = { snapshotId: taken.snapshotId, url: taken.url, at: taken.at };
    snapshots.push(snapshot);
    renderSnapshots();
    currentCall().mark('snapshot');
    return snapshot;
  } catch (e) {
    currentCall().fail(e instanceof Error ? e.message : String(e));
    return null;
  }
}

/** @param {string} snapshotId */
async function freezeOn(snapshotId) {
  const current = line;
  if (!current?.call.sessionId) {
    return;
  }
  try {
    const reply = await current.signaling.request('session.freeze', { sessionId: current.call.sessionId, snapshotId });
    currentCall().mark('frozen');
    await frozen.show(reply);
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
}

async function toggleFreeze() {
  const current = line;
  if (!current?.call.sessionId || (role !== 'agent' && role !== 'expert')) {
    return;
  }
  freezeButton.disabled = true;
  try {
    if (frozen.snapshotId) {
      await current.signaling.request('session.unfreeze', { sessionId: current.call.sessionId });
      frozen.hide();
      currentCall().mark('unfrozen');
    } else {
      const snapshot = await takeSnapshot();
      if (snapshot) {
        await freezeOn(snapshot.snapshotId);
      }
    }
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  } finally {
    freezeButton.disabled = false;
  }
}

function renderSnapshots() {
  snapshotList.replaceChildren(...snapshots.map((snapshot, index) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thumbnail';
    button.title = `Freeze everyone's view on snapshot ${index + 1}`;
    button.dataset.snapshotId = snapshot.snapshotId;
    const image = document.createElement('img');
    image.alt = `Snapshot ${index + 1}, ${new Date(snapshot.at).toLocaleTimeString()}`;
    button.append(image);
    button.addEventListener('click', () => {
      autoFrozen = null; // the agent's own choice stays until the agent changes it
      void freezeOn(snapshot.snapshotId);
    });
    item.append(button);
    if (login) {
      void loadSnapshot(fetch, snapshot.url ?? snapshotUrl(line?.call.sessionId ?? '', snapshot.snapshotId), login.token)
        .then((url) => { image.src = url; })
        .catch(() => {});
    }
    return item;
  }));
}

// ---- photos instead of video on a poor uplink

/**
 * The server switched the customer's phone between video and photos (`media.fallback`): the stage
 * says so, and "Take a photo" asks the phone for one. Back on video, a photo this console froze
 * the view on by itself is let go.
 * @param {Line} current
 * @param {any} message
 */
function showCustomerPicture(current, message) {
  customerPicture = { mode: String(message.mode), reason: message.reason ?? null,
    uplinkKbps: Number(message.uplinkKbps ?? 0), lossPercent: Number(message.lossPercent ?? 0) };
  current.call.mark(`fallback:${customerPicture.mode}`);
  const photosOnly = customerPicture.mode === 'snapshots';
  photoBadge.hidden = !photosOnly;
  photoBadge.textContent = photosOnly
    ? `Poor connection — photos (${customerPicture.uplinkKbps} kbit/s, ${customerPicture.lossPercent} % lost)`
    : '';
  if (!photosOnly && autoFrozen && frozen.snapshotId === autoFrozen && current.call.sessionId) {
    autoFrozen = null;
    current.signaling.request('session.unfreeze', { sessionId: current.call.sessionId })
      .then(() => frozen.hide())
      .catch((e) => current.call.fail(describeServerError(e)));
  }
}

/**
 * A photo the customer's phone uploaded (`snapshot.added`): it joins the snapshots, and in photo
 * mode the agent's console shows it large by freezing everyone's view on it, so markups can be
 * drawn on it, unless the agent chose another still meanwhile.
 * @param {Line} current
 * @param {any} message
 */
function addCustomerPhoto(current, message) {
  if (snapshots.some((s) => s.snapshotId === message.snapshotId)) {
    return;
  }
  snapshots.push({ snapshotId: message.snapshotId, url: message.url, at: message.at });
  renderSnapshots();
  current.call.mark('photo');
  const mayFreeze = role === 'agent' && customerPicture.mode === 'snapshots';
  if (mayFreeze && (!frozen.snapshotId || frozen.snapshotId === autoFrozen)) {
    autoFrozen = message.snapshotId;
    void freezeOn(message.snapshotId);
  }
}

takePhotoButton.addEventListener('click', () => {
  const current = line;
  if (!current?.call.sessionId) {
    return;
  }
  takePhotoButton.disabled = true;
  current.signaling.request('photo.request', { sessionId: current.call.sessionId })
    .then(() => current.call.mark('photo:asked'))
    .catch((e) => current.call.fail(describeServerError(e)))
    .finally(() => {
      takePhotoButton.disabled = false;
    });
});

freezeButton.addEventListener('click', () => void toggleFreeze());
snapshotButton.addEventListener('click', () => void takeSnapshot());

// ---- ending with an outcome

endForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const outcome = new FormData(endForm).get('outcome');
  const current = line;
  if (!outcome || !current?.call.sessionId) {
    return;
  }
  try {
    const ended = await current.signaling.request('session.end', {
      sessionId: current.call.sessionId, outcome: String(outcome), note: endNote.value.trim() || undefined,
    });
    lastOutcome = ended.outcome;
    endDialog.close();
    finish(`Session ended: ${OUTCOME_LABELS[ended.outcome] ?? ended.outcome}.`);
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
});
element('end-cancel', HTMLButtonElement).addEventListener('click', () => endDialog.close());

// ---- inviting a colleague, and being invited

/** @param {string} agentId */
function agentName(agentId) {
  return queue.board().find((a) => a.agentId === agentId)?.name ?? agentId;
}

function refreshInviteChoices() {
  const mine = login?.username;
  const choices = queue.board().filter((a) => a.agentId !== mine && a.availability !== 'offline');
  inviteAgent.replaceChildren(...choices.map((a) => {
    const option = document.createElement('option');
    option.value = a.agentId;
    option.textContent = `${a.name} (${a.availability})`;
    return option;
  }));
  inviteForm.querySelector('button')?.toggleAttribute('disabled', choices.length === 0);
  if (choices.length === 0) {
    inviteStatus.textContent ||= 'No colleague is signed in.';
  }
}

inviteForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const current = line;
  if (!current?.call.sessionId || !inviteAgent.value) {
    return;
  }
  try {
    current.signaling.send('session.invite', { id: `invite-${Date.now()}`, sessionId: current.call.sessionId,
      agentId: inviteAgent.value, role: inviteRole.value });
    inviteStatus.textContent = `Invited ${agentName(inviteAgent.value)} as ${inviteRole.value}.`;
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
});

/** @param {any} invited a `session.invited` */
function showInvitation(invited) {
  invitation = { sessionId: invited.sessionId, role: invited.role };
  const t = invited.ticket ?? {};
  invitationText.textContent = `${invited.from?.name ?? 'A colleague'} invites you into a session as ${invited.role}`
    + `${t.product || t.category ? ` (${[t.category, t.product].filter(Boolean).join(' · ')})` : ''}.`;
  invitationPanel.hidden = false;
}

element('invitation-accept', HTMLButtonElement).addEventListener('click', async () => {
  const current = line;
  if (!invitation || !current) {
    return;
  }
  invitationPanel.hidden = true;
  try {
    sessionStarted(current, await current.signaling.request('invite.accept', { sessionId: invitation.sessionId }));
  } catch (e) {
    current.call.fail(describeServerError(/** @type {any} */ (e)));
  }
  invitation = null;
});
element('invitation-decline', HTMLButtonElement).addEventListener('click', () => {
  invitationPanel.hidden = true;
  if (invitation && line) {
    line.signaling.request('invite.decline', { sessionId: invitation.sessionId }).catch(() => {});
  }
  invitation = null;
});

// ---- tools and keyboard shortcuts

/** @param {string} tool */
function selectTool(tool) {
  toolSelect.value = tool;
  if (overlay) {
    overlay.tool = tool;
  }
  for (const button of document.querySelectorAll('button.tool')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.tool === tool));
  }
}

/** @param {string} color */
function selectColor(color) {
  colorInput.value = color;
  if (overlay) {
    overlay.color = color;
  }
  for (const swatch of document.querySelectorAll('button.swatch')) {
    swatch.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (swatch).dataset.color === color));
  }
}

for (const button of document.querySelectorAll('button.tool')) {
  button.addEventListener('click', () => selectTool(/** @type {HTMLElement} */ (button).dataset.tool ?? 'arrow'));
}
for (const swatch of document.querySelectorAll('button.swatch')) {
  const color = /** @type {HTMLElement} */ (swatch).dataset.color ?? '#ff3b30';
  /** @type {HTMLElement} */ (swatch).style.background = color;
  swatch.addEventListener('click', () => selectColor(color));
}
colorInput.addEventListener('input', () => selectColor(colorInput.value));
element('help', HTMLButtonElement).addEventListener('click', () => helpDialog.showModal());

document.addEventListener('keydown', (event) => {
  const target = /** @type {HTMLElement | null} */ (event.target instanceof HTMLElement ? event.target : null);
  const action = shortcutFor(event, target?.tagName ?? '', target?.isContentEditable ?? false);
  if (!action || sessionPanel.hidden || endDialog.open || (helpDialog.open && action.kind !== 'help')) {
    return;
  }
  event.preventDefault();
  switch (action.kind) {
    case 'tool': selectTool(action.value); break;
    case 'color': selectColor(action.value); break;
    case 'undo': case 'redo': overlay?.client.push({ kind: action.kind }); break;
    case 'clear': overlay?.client.push({ kind: 'clear' }); break;
    case 'freeze': void toggleFreeze(); break;
    case 'snapshot': void takeSnapshot(); break;
    case 'chat': /** @type {HTMLInputElement | null} */ (document.querySelector('#chat-panel .chat-input'))?.focus(); break;
    case 'help': if (helpDialog.open) { helpDialog.close(); } else { helpDialog.showModal(); } break;
    default: break;
  }
});

// a reload mid-session: the saved place is taken again without asking
if (login && resume.load()) {
  currentCall().mark('reload');
  void connection();
}
