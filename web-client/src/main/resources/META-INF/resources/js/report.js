// @ts-check
/**
 * The session report page, `report.html?session=<id>`: signs in (supervisors, trainees, admins, and
 * agents for their own sessions), reads `GET /api/sessions/{id}/report` and shows the ticket, the
 * outcome and its note, the durations, the participants with their join and leave times, each
 * snapshot with the markups that were on it drawn over the image, the chat and the staff notes.
 * Printing (the page's button or the browser's) gives a clean document through the print stylesheet;
 * "save as PDF" in the print dialog makes the PDF. `window.remoteSupport` is a read-only view of the
 * page for tests.
 * @module report
 */

import { forgetLogin, savedLogin } from './auth.js';
import { drawMarkup } from './annotation/overlay.js';
import { loadSnapshot } from './freeze-frame.js';
import { clockDuration } from './queue-view.js';
import { clock, outcomeName } from './replay-timeline.js';
import { attachStaffSignIn } from './staff-sign-in.js';
import { element, showAlert } from './ui.js';

const READERS = ['supervisor', 'trainee', 'admin', 'agent'];

const signinForm = element('signin', HTMLFormElement);
const reportPanel = element('report', HTMLElement);
const signedIn = element('signed-in', HTMLElement);
const title = element('report-title', HTMLElement);
const alertBox = element('error', HTMLElement);
const signout = element('signout', HTMLButtonElement);

let login = savedLogin(sessionStorage, Date.now());
/** @type {any} the report shown */
let report = null;
/** @type {Set<string>} snapshots whose image and markups are drawn */
const drawn = new Set();

const sessionId = new URLSearchParams(location.search).get('session') ?? '';

attachStaffSignIn({
  roles: READERS,
  refusal: 'Session reports are for staff: supervisors, trainees, admins and the session\'s agent.',
  alertBox,
  onSignedIn: (signed) => {
    login = signed;
    void show();
  },
  onSignedOut: () => {
    login = null;
    report = null;
    void show();
  },
});
element('print', HTMLButtonElement).addEventListener('click', () => window.print());

async function show() {
  const allowed = login !== null && READERS.includes(login.role);
  signinForm.hidden = allowed;
  signout.hidden = !allowed;
  reportPanel.hidden = !allowed || report === null;
  if (!allowed || !login) {
    return;
  }
  signedIn.textContent = `Signed in as ${login.name} (${login.role})`;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) {
    showAlert(alertBox, 'This page needs a session id: report.html?session=<id>.');
    return;
  }
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report`,
      { headers: { Authorization: `Bearer ${login.token}` } });
    if (response.status === 401) {
      forgetLogin(sessionStorage);
      login = null;
      void show();
      showAlert(alertBox, 'Your sign-in has expired; sign in again.');
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(body?.message ?? `The server answered ${response.status}.`);
    }
    report = body;
    render(body);
    reportPanel.hidden = false;
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
  }
}

/** @param {number | null | undefined} at epoch ms */
const time = (at) => (typeof at === 'number' ? new Date(at).toLocaleString() : '—');
/** @param {number | null | undefined} ms */
const span = (ms) => (typeof ms === 'number' ? clockDuration(ms) : '—');

/**
 * @param {HTMLElement} list a `<dl>`
 * @param {[string, string][]} pairs
 */
function fields(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([name, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value || '—';
    return [dt, dd];
  }));
}

/** @param {any} r the report */
function render(r) {
  const ticket = r.ticket ?? {};
  title.textContent = `Session report: ${[ticket.product, ticket.orderNumber].filter(Boolean).join(', ') || r.sessionId}`;
  document.title = `${title.textContent} · Remote support`;
  fields(element('report-ticket', HTMLElement), [
    ['Ticket', ticket.id ?? ''], ['Order number', ticket.orderNumber ?? ''], ['Product', ticket.product ?? ''],
    ['Category', ticket.category ?? ''], ['Language', ticket.language ?? ''], ['Severity', ticket.severity ?? ''],
    ['Tier', ticket.tier ?? ''], ['Summary', ticket.description ?? ''], ['Session', r.sessionId],
    ['Started', time(r.startedAt)], ['Ended', time(r.endedAt)],
  ]);
  element('report-outcome', HTMLElement).textContent = r.outcome
    ? `Outcome: ${outcomeName(r.outcome)}` : `No outcome recorded (the session ended: ${String(r.reason ?? 'unknown').replace(/_/g, ' ')})`;
  element('report-outcome-note', HTMLElement).textContent = r.outcomeNote ? `Agent's note: ${r.outcomeNote}` : '';
  const recordings = element('report-recordings', HTMLElement);
  recordings.replaceChildren(...(r.recordings ?? []).map((/** @type {any} */ rec, /** @type {number} */ i) => {
    const link = document.createElement('a');
    link.href = rec.player;
    link.textContent = `Play recording ${i + 1} (${clock(rec.durationMs ?? 0)})`;
    return link;
  }));
  const d = r.durations ?? {};
  fields(element('report-durations', HTMLElement), [
    ['Queue wait', span(d.queueWaitMs)], ['Ringing', span(d.ringMs)], ['Talk', span(d.talkMs)], ['Total', span(d.totalMs)],
  ]);
  element('report-participants', HTMLElement).replaceChildren(...(r.participants ?? []).map((/** @type {any} */ p) => {
    const row = document.createElement('tr');
    for (const text of [p.name ?? p.subject, p.role, time(p.joinedAt), time(p.leftAt), p.joinedAt ? span(p.presentMs) : '—']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
  lines(element('report-chat', HTMLElement), element('report-chat-empty', HTMLElement), r.chat ?? [],
    (/** @type {any} */ c) => [c.name ?? c.from, c.offsetMs, c.text]);
  lines(element('report-notes', HTMLElement), element('report-notes-empty', HTMLElement), r.notes ?? [],
    (/** @type {any} */ n) => [n.name ?? n.by, n.offsetMs, n.text]);
  snapshots(r);
}

/**
 * @param {HTMLElement} list
 * @param {HTMLElement} emptyNote
 * @param {any[]} items
 * @param {(item: any) => [string, number, string]} parts who, when (ms into the session), what
 */
function lines(list, emptyNote, items, parts) {
  emptyNote.hidden = items.length > 0;
  list.replaceChildren(...items.map((item) => {
    const [who, offset, text] = parts(item);
    const li = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = who;
    const when = document.createElement('span');
    when.className = 'note';
    when.textContent = ` ${clock(offset)} `;
    const what = document.createElement('span');
    what.className = 'line-text';
    what.textContent = text;
    li.append(name, when, what);
    return li;
  }));
}

/** @param {any} r */
function snapshots(r) {
  const list = r.snapshots ?? [];
  const box = element('report-snapshots', HTMLElement);
  element('report-snapshots-empty', HTMLElement).hidden = list.length > 0;
  drawn.clear();
  box.replaceChildren(...list.map((/** @type {any} */ s, /** @type {number} */ i) => {
    const figure = document.createElement('figure');
    figure.className = 'report-snapshot';
    figure.dataset.snapshotId = s.snapshotId;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    const count = (s.markups ?? []).length;
    canvas.setAttribute('aria-label', `Snapshot ${i + 1} with ${count} markup${count === 1 ? '' : 's'}`);
    const caption = document.createElement('figcaption');
    const frozen = (s.frozen ?? []).length > 0 ? ', everyone\'s view frozen on it' : '';
    caption.textContent = `Snapshot ${i + 1}, ${clock(s.offsetMs)} into the session${s.name ? `, by ${s.name}` : ''}${frozen}; `
      + `${count} markup${count === 1 ? '' : 's'} as at ${clock(s.markupsAtMs)}`;
    figure.append(canvas, caption);
    void drawSnapshot(canvas, s).catch(() => { caption.textContent += ' (the image is no longer kept)'; });
    return figure;
  }));
}

/**
 * Draws the snapshot at its own resolution and its markups over it, where they were on the picture.
 * @param {HTMLCanvasElement} canvas
 * @param {any} s
 */
async function drawSnapshot(canvas, s) {
  const url = await loadSnapshot(fetch, s.url, login?.token ?? '');
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return;
    }
    ctx.drawImage(image, 0, 0);
    const rect = { x: 0, y: 0, width: canvas.width, height: canvas.height };
    for (const markup of s.markups ?? []) {
      drawMarkup(ctx, markup, rect);
    }
    drawn.add(s.snapshotId);
  } finally {
    URL.revokeObjectURL(url);
  }
}

Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    get sessionId() { return report?.sessionId ?? null; },
    /** the report is shown and every snapshot that still has its image is drawn */
    get ready() { return report !== null && drawn.size === (report.snapshots ?? []).length; },
    get snapshotsDrawn() { return [...drawn]; },
  }),
  writable: false,
  configurable: false,
});

void show();
