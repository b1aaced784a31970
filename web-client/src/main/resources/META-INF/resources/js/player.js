// @ts-check
/**
 * The recording player: signs in (supervisors, trainees, admins), lists the recordings
 * (`GET /api/recordings`) or opens `player.html?recording=<id>`, plays the WebM media and draws the
 * markups of that moment of the session over the video (from `GET /api/recordings/{id}/timeline`),
 * with a timeline of markers, seeking, speed and "next marker". `window.remoteSupport` is a
 * read-only view of the page for tests.
 * @module player
 */

import { savedLogin } from './auth.js';
import { pictureRect } from './annotation/geometry.js';
import { drawMarkup } from './annotation/overlay.js';
import { PlayerEvents } from './player-events.js';
import { recordingNotesPanel } from './recording-notes.js';
import { clock, eventsOnRecordingClock, markers, nextMarker, onRecordingClock, visibleAt } from './replay-timeline.js';
import { attachStaffSignIn, staffApi } from './staff-sign-in.js';
import { element, showAlert } from './ui.js';

const VIEWERS = ['supervisor', 'trainee', 'admin'];

const signinForm = element('signin', HTMLFormElement);
const library = element('library', HTMLElement);
const signedIn = element('signed-in', HTMLElement);
const rows = element('recording-rows', HTMLElement);
const libraryEmpty = element('library-empty', HTMLElement);
const playerPanel = element('player', HTMLElement);
const playerTitle = element('player-title', HTMLElement);
const video = element('recording-video', HTMLVideoElement);
const canvas = element('markup-canvas', HTMLCanvasElement);
const playButton = element('play', HTMLButtonElement);
const seek = element('seek', HTMLInputElement);
const position = element('position', HTMLElement);
const speed = element('speed', HTMLSelectElement);
const nextButton = element('next-marker', HTMLButtonElement);
const bar = element('timeline-bar', HTMLElement);
const markerList = element('markers', HTMLElement);
const alertBox = element('error', HTMLElement);
// the training library's tags and notes on the opened recording
const notesPanel = recordingNotesPanel({ container: element('recording-library', HTMLElement),
  token: () => login?.token ?? '' });

let login = savedLogin(sessionStorage, Date.now());
/** @type {any} the recording being played */
let recording = null;
/** @type {import('./replay-timeline.js').TimedOp[]} */
let ops = [];
/** @type {import('./replay-timeline.js').Marker[]} */
let markerItems = [];
/** @type {import('./annotation/markup-log.js').Markup[]} */
let shown = [];
let shownAtMs = -1;
let durationMs = 0;
// ---- session events (chat, snapshots, freezes, outcome) beside the video
/** @type {import('./replay-timeline.js').TimedEvent[]} */
let sessionEvents = [];
const eventsView = new PlayerEvents((ms) => seekTo(ms), () => login?.token ?? '');
// ----

/** @param {string} path */
function api(path) {
  return staffApi(path, login?.token ?? '', () => {
    login = null;
    showSignedIn();
  });
}

function showSignedIn() {
  const allowed = login !== null && VIEWERS.includes(login.role);
  signinForm.hidden = allowed;
  signedIn.textContent = allowed && login ? `Signed in as ${login.name} (${login.role})` : '';
  const wanted = new URLSearchParams(location.search).get('recording');
  library.hidden = !allowed || recording !== null || wanted !== null;
  if (!allowed) {
    playerPanel.hidden = true;
    return;
  }
  if (wanted && !recording) {
    void open(wanted);
  } else if (!recording) {
    void list();
  }
}

attachStaffSignIn({
  roles: VIEWERS,
  refusal: 'Recordings are for supervisors, trainees and admins.',
  alertBox,
  onSignedIn: (signed) => {
    login = signed;
    showSignedIn();
  },
  onSignedOut: () => {
    closePlayer();
    login = null;
    showSignedIn();
  },
});
element('back', HTMLButtonElement).addEventListener('click', () => {
  closePlayer();
  history.replaceState(null, '', location.pathname);
  showSignedIn();
});

async function list() {
  try {
    const body = await api('/api/recordings?limit=100');
    rows.replaceChildren(...body.recordings.map((/** @type {any} */ r) => {
      const row = document.createElement('tr');
      for (const text of [new Date(r.startedAt).toLocaleString(), r.agentName ?? r.agent ?? '', r.product ?? '',
        clock(r.durationMs), r.outcome ?? '']) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      const action = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Play';
      button.disabled = r.state === 'recording';
      button.addEventListener('click', () => {
        history.replaceState(null, '', `${location.pathname}?recording=${encodeURIComponent(r.recordingId)}`);
        void open(r.recordingId);
      });
      action.append(button);
      row.append(action);
      return row;
    }));
    libraryEmpty.hidden = body.recordings.length > 0;
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
  }
}

/** @param {string} id */
async function open(id) {
  showAlert(alertBox, '');
  try {
    const path = `/api/recordings/${encodeURIComponent(id)}`;
    const [entry, timeline] = await Promise.all([api(path), api(`${path}/timeline`)]);
    recording = entry;
    durationMs = Math.max(0, entry.durationMs ?? 0);
    ops = onRecordingClock(timeline, entry);
    sessionEvents = eventsOnRecordingClock(timeline, entry);
    markerItems = markers(ops, durationMs, sessionEvents);
    eventsView.show(sessionEvents, entry.sessionId, durationMs);
    library.hidden = true;
    playerPanel.hidden = false;
    playerTitle.textContent = `Recording of ${entry.agentName ?? entry.agent ?? 'a session'}, ${new Date(entry.startedAt).toLocaleString()}`;
    seek.max = String(durationMs);
    showMarkers();
    notesPanel.show(entry, login?.role ?? '');
    // a <video> element cannot send headers: the media URL carries the token
    video.src = `${entry.media}?access_token=${encodeURIComponent(login?.token ?? '')}`;
    video.playbackRate = Number(speed.value);
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
  }
}

function closePlayer() {
  recording = null;
  ops = [];
  markerItems = [];
  sessionEvents = [];
  eventsView.clear();
  shown = [];
  shownAtMs = -1;
  video.removeAttribute('src');
  video.load();
  notesPanel.hide();
  playerPanel.hidden = true;
}

function showMarkers() {
  const share = (/** @type {number} */ ms) => `${durationMs > 0 ? Math.min(100, (ms / durationMs) * 100) : 0}%`;
  const now = document.createElement('div');
  now.className = 'now';
  bar.replaceChildren(now, ...markerItems.map((m) => {
    const tick = document.createElement('span');
    tick.className = `tick ${m.kind}`;
    tick.style.left = share(m.atMs);
    return tick;
  }));
  markerList.replaceChildren(...markerItems.map((m) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.dataset.kind = m.kind;
    const swatch = document.createElement('span');
    swatch.className = `swatch ${m.kind}`;
    swatch.setAttribute('aria-hidden', 'true');
    button.append(swatch, ` ${clock(m.atMs)} ${m.label}`);
    button.addEventListener('click', () => seekTo(m.atMs));
    item.append(button);
    return item;
  }));
}

/** @param {number} ms */
function seekTo(ms) {
  video.currentTime = Math.max(0, Math.min(ms, durationMs)) / 1000;
  render();
}

playButton.addEventListener('click', () => {
  if (video.paused) {
    video.play().catch((e) => showAlert(alertBox, `The recording cannot play: ${e.message}`));
  } else {
    video.pause();
  }
});
video.addEventListener('play', () => { playButton.textContent = 'Pause'; });
video.addEventListener('pause', () => { playButton.textContent = 'Play'; });
video.addEventListener('error', () => showAlert(alertBox, 'The recording\'s media cannot be played.'));
seek.addEventListener('input', () => seekTo(Number(seek.value)));
speed.addEventListener('change', () => { video.playbackRate = Number(speed.value); });
nextButton.addEventListener('click', () => {
  const next = nextMarker(markerItems, video.currentTime * 1000);
  if (next) {
    seekTo(next.atMs);
  }
});

/** Draws the markups of the moment on screen; runs every animation frame while a recording is open. */
function render() {
  const atMs = Math.round(video.currentTime * 1000);
  if (atMs !== shownAtMs) {
    shown = visibleAt(ops, atMs);
    shownAtMs = atMs;
    seek.value = String(atMs);
    position.textContent = `${clock(atMs)} / ${clock(durationMs)}`;
    eventsView.render(atMs);
    const now = bar.querySelector('.now');
    if (now instanceof HTMLElement) {
      now.style.width = `${durationMs > 0 ? Math.min(100, (atMs / durationMs) * 100) : 0}%`;
    }
  }
  const box = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(box.width * ratio) || canvas.height !== Math.round(box.height * ratio)) {
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) {
    return;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
  const rect = pictureRect(box.width, box.height, video.videoWidth, video.videoHeight, getComputedStyle(video).objectFit);
  for (const m of shown) {
    drawMarkup(ctx, m, rect);
  }
}

function frame() {
  if (recording) {
    render();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

const copy = (/** @type {any} */ value) => JSON.parse(JSON.stringify(value));
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    get recordingId() { return recording?.recordingId ?? null; },
    get ready() { return recording !== null && video.readyState >= 2; },
    get currentTimeMs() { return Math.round(video.currentTime * 1000); },
    /** the moment whose markups are drawn (the last frame rendered) */
    get markupsAtMs() { return shownAtMs; },
    get durationMs() { return durationMs; },
    get playbackRate() { return video.playbackRate; },
    get visibleMarkups() {
      return shown.map((m) => ({ id: m.id, type: m.type, color: m.color, width: m.width, points: copy(m.points) }));
    },
    get markers() { return copy(markerItems); },
    // ---- session events
    get chatLines() { return [...document.querySelectorAll('#replay-chat li')].map((li) => li.textContent); },
    get frozenOn() { return eventsView.frozen; },
    get outcomeShown() { return eventsView.outcome.hidden ? null : eventsView.outcome.textContent; },
  }),
  writable: false,
  configurable: false,
});

showSignedIn();
