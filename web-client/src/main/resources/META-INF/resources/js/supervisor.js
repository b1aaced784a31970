// @ts-check
/**
 * The supervisor and trainee page: signs in, lists the sessions in progress with their agent,
 * customer language, product and a live duration (the list is read from `GET /api/sessions` every
 * few seconds, durations tick on the page), and joins one silently (`session.observe`): it receives
 * the customer's video and sound, the markups, the frozen still and the chat, and sends nothing.
 * Only supervisors, trainees and admins may.
 * @module supervisor
 */

import { forgetLogin, savedLogin } from './auth.js';
import { Call } from './call-state.js';
import { AnnotationClient, annotationUrl } from './annotation/annotation-client.js';
import { MarkupOverlay } from './annotation/overlay.js';
import { ChatLog } from './chat-panel.js';
import { FrozenStill } from './freeze-frame.js';
import { clockDuration } from './queue-view.js';
import { SignalingClient, signalingUrl } from './signaling-client.js';
import { attachStaffSignIn } from './staff-sign-in.js';
import { element, play, showAlert, showCallState } from './ui.js';

/** How often the list of live sessions is read again. */
const REFRESH_MS = 3000;
const WATCHERS = ['supervisor', 'trainee', 'admin'];

const signinForm = element('signin', HTMLFormElement);
const overview = element('overview', HTMLElement);
const signedIn = element('signed-in', HTMLElement);
const rows = element('live-rows', HTMLElement);
const empty = element('live-empty', HTMLElement);
const updated = element('live-updated', HTMLElement);
const watchPanel = element('watch', HTMLElement);
const watchTitle = element('watch-title', HTMLElement);
const video = element('remote-video', HTMLVideoElement);
const placeholder = element('placeholder', HTMLElement);
const status = element('status', HTMLElement);
const endButton = element('end', HTMLButtonElement);
const unmuteButton = element('unmute', HTMLButtonElement);
const ticketFields = element('ticket-fields', HTMLElement);
const chatList = element('chat-messages', HTMLElement);
const alertBox = element('error', HTMLElement);
const frozenBadge = element('frozen-badge', HTMLElement);

let login = savedLogin(sessionStorage, Date.now());
/** @type {any[]} the sessions of the last listing */
let sessions = [];
// ---- ended sessions, linked to their reports
/** @type {Map<string, any>} sessions that left the listing while the page was open: ended */
const ended = new Map();
const endedList = element('ended-sessions', HTMLElement);
const endedEmpty = element('ended-empty', HTMLElement);
element('report-open', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const id = element('report-session', HTMLInputElement).value.trim();
  location.href = `/report.html?session=${encodeURIComponent(id)}`;
});

/** @param {any[]} before the previous listing @param {any[]} now the new one */
function noteEnded(before, now) {
  const live = new Set(now.map((s) => s.sessionId));
  for (const s of before) {
    if (!live.has(s.sessionId) && !ended.has(s.sessionId)) {
      ended.set(s.sessionId, { ...s, endedSeenAt: Date.now() });
    }
  }
  endedEmpty.hidden = ended.size > 0;
  endedList.replaceChildren(...[...ended.values()].reverse().map((s) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/report.html?session=${encodeURIComponent(s.sessionId)}`;
    link.textContent = `Report: ${s.agentName ?? s.agent ?? 'agent'}, ${[s.category, s.product].filter(Boolean).join(' · ') || 'session'}`
      + `, ended about ${new Date(s.endedSeenAt).toLocaleTimeString()}`;
    item.append(link);
    return item;
  }));
}
// ----
/** @type {Call | null} */
let call = null;
/** @type {MarkupOverlay | null} */
let overlay = null;
const chat = new ChatLog();
const remoteStream = new MediaStream();
const frozen = new FrozenStill(element('frozen-still', HTMLImageElement), () => login?.token ?? null,
  (on) => { frozenBadge.hidden = !on; });

function showSignedIn() {
  const allowed = login !== null && WATCHERS.includes(login.role);
  signinForm.hidden = allowed;
  overview.hidden = !allowed || call !== null;
  signedIn.textContent = allowed && login ? `Signed in as ${login.name} (${login.role})` : '';
  if (allowed) {
    void refresh();
  }
}

attachStaffSignIn({
  roles: WATCHERS,
  refusal: 'This page is for supervisors and trainees. Agents use the agent console.',
  alertBox,
  onSignedIn: (signed) => {
    login = signed;
    showSignedIn();
  },
  onSignedOut: () => {
    stopWatching();
    login = null;
    showSignedIn();
  },
});

async function refresh() {
  if (!login || overview.hidden) {
    return;
  }
  try {
    const response = await fetch('/api/sessions', { headers: { Authorization: `Bearer ${login.token}` } });
    if (response.status === 401) {
      forgetLogin(sessionStorage);
      login = null;
      showSignedIn();
      showAlert(alertBox, 'Your sign-in has expired; sign in again.');
      return;
    }
    const body = await response.json();
    const before = sessions;
    sessions = (body.sessions ?? []).filter((/** @type {any} */ s) => s.startedAt);
    noteEnded(before, sessions);
    render();
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch {
    updated.textContent = 'Cannot reach the server; trying again.';
  }
}

function render() {
  const now = Date.now();
  empty.hidden = sessions.length > 0;
  rows.replaceChildren(...sessions.map((s) => {
    const row = document.createElement('tr');
    row.dataset.sessionId = s.sessionId;
    const customer = (s.participants ?? []).find((/** @type {any} */ p) => p.role === 'customer');
    const cells = [s.agentName ?? s.agent ?? '—', customer?.name ?? '—', s.language ?? '—',
      [s.category, s.product].filter(Boolean).join(' · ') || '—'].map((text) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      return cell;
    });
    const duration = document.createElement('td');
    duration.className = 'duration';
    duration.dataset.startedAt = String(s.startedAt);
    duration.textContent = clockDuration(now - s.startedAt);
    const action = document.createElement('td');
    const watch = document.createElement('button');
    watch.type = 'button';
    watch.className = 'secondary';
    watch.textContent = 'Watch';
    watch.setAttribute('aria-label', `Watch the session of ${s.agentName ?? s.agent}`);
    watch.addEventListener('click', () => void startWatching(s));
    action.append(watch);
    row.append(...cells, duration, action);
    return row;
  }));
}

// durations tick on the page; the list itself is read again every few seconds
setInterval(() => {
  const now = Date.now();
  for (const cell of rows.querySelectorAll('td.duration')) {
    cell.textContent = clockDuration(now - Number(/** @type {HTMLElement} */ (cell).dataset.startedAt));
  }
}, 1000);
setInterval(() => void refresh(), REFRESH_MS);

/** @param {any} listed a session of the listing */
async function startWatching(listed) {
  if (!login || call) {
    return;
  }
  showAlert(alertBox, '');
  const current = new Call('agent', (text) => showAlert(alertBox, text));
  call = current;
  overview.hidden = true;
  watchPanel.hidden = false;
  watchTitle.textContent = `${listed.agentName ?? listed.agent} · ${listed.language ?? ''} · ${listed.product ?? listed.category ?? ''}`;
  placeholder.hidden = false;
  placeholder.textContent = 'Connecting to the session…';
  showCallState(current.state, status, endButton);
  chat.messages.length = 0;
  chat.ids.clear();
  renderChat();
  const signaling = new SignalingClient(signalingUrl(location));
  signaling.on('chat.history', (m) => { chat.addAll(m.messages); renderChat(); });
  signaling.on('chat.message', (m) => { chat.add(m); renderChat(); });
  signaling.on('session.frozen', (m) => void frozen.show(m).catch(() => {}));
  signaling.on('session.unfrozen', () => frozen.hide());
  signaling.on('session.ended', (m) => stopWatching(`The session ended${m.outcome ? `: ${m.outcome.replace('_', ' ')}` : ''}.`));
  const ok = await current.connect(signaling, {
    token: login.token,
    enter: async () => {
      const started = await signaling.request('session.observe', { sessionId: listed.sessionId });
      showTicket(started.ticket ?? {});
      return started.sessionId;
    },
    localStream: null,
    onTrack: (track) => {
      remoteStream.addTrack(track);
      track.addEventListener('ended', () => remoteStream.removeTrack(track));
      video.srcObject = remoteStream;
      play(video, (retry) => retry());
    },
    mediaFailure: 'The media connection to the server failed.',
  });
  if (ok && current.sessionId && current.welcome) {
    const client = new AnnotationClient({
      url: annotationUrl(location), sessionId: current.sessionId,
      participantId: current.welcome.participantId, token: current.welcome.resumeToken,
      onChange: () => overlay?.render(), onPointer: () => overlay?.render(),
    });
    overlay = new MarkupOverlay(video, element('markup-canvas', HTMLCanvasElement), client);
    overlay.tool = 'pointer';
    client.connect();
  } else if (!ok) {
    stopWatching();
  }
}

video.addEventListener('playing', () => { placeholder.hidden = true; });
unmuteButton.addEventListener('click', () => {
  video.muted = !video.muted;
  unmuteButton.textContent = video.muted ? 'Listen' : 'Mute';
  video.play().catch(() => {});
});
endButton.addEventListener('click', () => stopWatching());

/** @param {string} [text] why watching stopped */
function stopWatching(text) {
  const current = call;
  call = null;
  current?.end(true);
  overlay?.client.close();
  overlay = null;
  frozen.hide();
  remoteStream.getTracks().forEach((t) => remoteStream.removeTrack(t));
  video.srcObject = null;
  watchPanel.hidden = true;
  if (text) {
    showAlert(alertBox, text);
  }
  showSignedIn();
}

/** @param {any} t */
function showTicket(t) {
  const fields = [['Order', t.orderNumber], ['Product', t.product], ['Category', t.category],
    ['Language', t.language], ['Customer says', t.description]];
  ticketFields.replaceChildren(...fields.flatMap(([name, value]) => {
    const term = document.createElement('dt');
    term.textContent = name;
    const definition = document.createElement('dd');
    definition.textContent = value || '—';
    return [term, definition];
  }));
}

function renderChat() {
  chatList.replaceChildren(...chat.messages.map((m) => {
    const item = document.createElement('li');
    item.dataset.role = m.role;
    item.textContent = `${m.name}: ${m.text}`;
    return item;
  }));
}

showSignedIn();

/** Read-only view of the page for automated tests and support diagnostics. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    role: 'supervisor',
    get state() { return call?.state.name ?? 'idle'; },
    get signedIn() { return login?.username ?? null; },
    get live() { return sessions.map((s) => ({ sessionId: s.sessionId, agent: s.agentName, language: s.language })); },
    get watching() { return call?.sessionId ?? null; },
    get markups() { return overlay ? overlay.client.log.visible() : []; },
    get chat() { return chat.messages.map((m) => m.text); },
    get frozen() { return frozen.snapshotId; },
    get errors() { return call ? [...call.errors] : []; },
    inboundVideoStats: () => call?.media?.inboundVideoStats(),
  }),
});
