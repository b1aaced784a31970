// @ts-check
/**
 * The training library page: signs in (trainees, supervisors, admins), fills the filter drop-downs
 * from `GET /api/recordings/facets`, searches `GET /api/recordings` with the filters (kept in the
 * page's address, so a link or the way back from the player restores them) and lists the recordings
 * found as cards that open the player (`player.html?recording=<id>`), where supervisors add tags and
 * notes. `window.remoteSupport` is a read-only view of the page for tests.
 * @module library
 */

import { savedLogin } from './auth.js';
import { FILTERS, filtersFrom, outcomeLabel, queryString, searchPath } from './library-query.js';
import { clock } from './replay-timeline.js';
import { attachStaffSignIn, staffApi } from './staff-sign-in.js';
import { element, showAlert } from './ui.js';

const READERS = ['supervisor', 'trainee', 'admin'];

const signinForm = element('signin', HTMLFormElement);
const browse = element('browse', HTMLElement);
const signedIn = element('signed-in', HTMLElement);
const form = element('filters', HTMLFormElement);
const count = element('result-count', HTMLElement);
const results = element('results', HTMLElement);
const tagOptions = element('tag-options', HTMLElement);
const alertBox = element('error', HTMLElement);

/** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
const fields = {
  q: element('filter-q', HTMLInputElement),
  product: element('filter-product', HTMLSelectElement),
  category: element('filter-category', HTMLSelectElement),
  tags: element('filter-tags', HTMLInputElement),
  outcome: element('filter-outcome', HTMLSelectElement),
  agent: element('filter-agent', HTMLSelectElement),
  language: element('filter-language', HTMLSelectElement),
  from: element('filter-from', HTMLInputElement),
  to: element('filter-to', HTMLInputElement),
};

let login = savedLogin(sessionStorage, Date.now());
/** @type {any[]} the recordings listed now */
let found = [];
let searches = 0;
let loading = false;
// searches overlap (a drop-down changed, then the form sent): only the latest one's answer is shown
let latest = 0;

/** @param {string} path */
function api(path) {
  return staffApi(path, login?.token ?? '', () => {
    login = null;
    showSignedIn();
  });
}

function showSignedIn() {
  const allowed = login !== null && READERS.includes(login.role);
  signinForm.hidden = allowed;
  browse.hidden = !allowed;
  signedIn.textContent = allowed && login ? `Signed in as ${login.name} (${login.role})` : '';
  if (allowed) {
    void start();
  } else {
    found = [];
    results.replaceChildren();
    count.textContent = '';
  }
}

async function start() {
  showAlert(alertBox, '');
  try {
    await loadFacets();
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
  }
  setFields(filtersFrom(location.search));
  await search();
}

/** Fills the drop-downs with the values the library holds, each with how many recordings have it. */
async function loadFacets() {
  const facets = await api('/api/recordings/facets');
  /**
   * @param {HTMLSelectElement} select
   * @param {{value: string, label?: string, count: number}[]} items
   * @param {(item: any) => string} words
   */
  const fill = (select, items, words) => {
    const any = select.options[0];
    select.replaceChildren(any, ...items.map((item) => {
      const option = document.createElement('option');
      option.value = item.value;
      option.textContent = `${words(item)} (${item.count})`;
      return option;
    }));
  };
  fill(/** @type {HTMLSelectElement} */ (fields.product), facets.products, (i) => i.value);
  fill(/** @type {HTMLSelectElement} */ (fields.category), facets.categories, (i) => i.value);
  fill(/** @type {HTMLSelectElement} */ (fields.outcome), facets.outcomes, (i) => outcomeLabel(i.value));
  fill(/** @type {HTMLSelectElement} */ (fields.agent), facets.agents, (i) => i.label ?? i.value);
  fill(/** @type {HTMLSelectElement} */ (fields.language), facets.languages, (i) => i.value);
  tagOptions.replaceChildren(...facets.tags.map((/** @type {any} */ t) => {
    const option = document.createElement('option');
    option.value = t.value;
    return option;
  }));
}

/** @param {Record<string, string>} filters */
function setFields(filters) {
  for (const name of FILTERS) {
    const field = fields[name];
    const value = filters[name] ?? '';
    if (field instanceof HTMLSelectElement && value !== '' && ![...field.options].some((o) => o.value === value)) {
      // a value from a link that no recording has (now): keep it selectable so the search says "none"
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      field.append(option);
    }
    field.value = value;
  }
}

/** @returns {Record<string, string>} */
function currentFilters() {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const name of FILTERS) {
    filters[name] = fields[name].value;
  }
  return filters;
}

async function search() {
  const filters = currentFilters();
  history.replaceState(null, '', `${location.pathname}${queryString(filters)}`);
  const mine = ++latest;
  loading = true;
  showAlert(alertBox, '');
  try {
    const body = await api(searchPath(filters));
    if (mine !== latest) {
      return;
    }
    found = body.recordings;
    results.replaceChildren(...found.map(card));
    count.textContent = found.length === 0 ? 'No recording matches these filters.'
      : `${found.length} recording${found.length === 1 ? '' : 's'} found.`;
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
  } finally {
    if (mine === latest) {
      loading = false;
      searches += 1;
    }
  }
}

/**
 * One recording as a card: what it is about, who, when, how long, how it ended, its tags, and the way to watch it.
 * @param {any} r
 */
function card(r) {
  const item = document.createElement('li');
  item.className = 'recording-card';
  item.dataset.recordingId = r.recordingId;
  const title = document.createElement('h2');
  title.textContent = [r.product, r.category].filter((t) => t).join(' · ') || 'Support session';
  const facts = document.createElement('dl');
  facts.className = 'ticket-fields';
  const started = new Date(r.startedAt);
  for (const [name, value] of [
    ['Agent', r.agentName ?? r.agent ?? ''],
    ['Language', r.language ?? ''],
    ['Date', started.toLocaleString()],
    ['Length', clock(r.durationMs ?? 0)],
    ['Outcome', outcomeLabel(r.outcome)],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    facts.append(dt, dd);
  }
  item.append(title, facts);
  if (r.description) {
    const description = document.createElement('p');
    description.className = 'note';
    description.textContent = r.description;
    item.append(description);
  }
  const tags = document.createElement('ul');
  tags.className = 'tag-list';
  tags.setAttribute('aria-label', 'Tags');
  tags.append(...(r.tags ?? []).map((/** @type {string} */ t) => {
    const tag = document.createElement('li');
    tag.textContent = t;
    return tag;
  }));
  if ((r.tags ?? []).length > 0) {
    item.append(tags);
  }
  const notes = (r.notes ?? []).length;
  const link = document.createElement('a');
  link.href = `/player.html?recording=${encodeURIComponent(r.recordingId)}`;
  link.className = 'button-link';
  // the visible word plus, for screen readers, which recording it opens
  const which = document.createElement('span');
  which.className = 'visually-hidden';
  which.textContent = ` the ${title.textContent} recording of ${started.toLocaleString()}`;
  link.append('Watch', which, notes > 0 ? ` (${notes} note${notes === 1 ? '' : 's'})` : '');
  if (r.state === 'recording') {
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
    link.textContent = 'Still recording';
  }
  item.append(link);
  return item;
}

attachStaffSignIn({
  roles: READERS,
  refusal: 'The training library is for trainees, supervisors and admins.',
  alertBox,
  onSignedIn: (signed) => {
    login = signed;
    showSignedIn();
  },
  onSignedOut: () => {
    login = null;
    showSignedIn();
  },
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void search();
});
for (const name of ['product', 'category', 'outcome', 'agent', 'language']) {
  fields[name].addEventListener('change', () => void search());
}
element('clear', HTMLButtonElement).addEventListener('click', () => {
  setFields({});
  void search();
});

Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    /** how many searches have finished (a test waits for the next one) */
    get searches() { return searches; },
    get loading() { return loading; },
    /** the ids of the recordings listed, in order */
    get recordingIds() { return found.map((r) => r.recordingId); },
  }),
  writable: false,
  configurable: false,
});

showSignedIn();
