// @ts-check
/**
 * The training library's panel on the player page: the opened recording's tags and supervisors'
 * notes for everyone who may watch it, and for supervisors and admins the forms that add and remove
 * tags (`PUT /api/recordings/{id}/tags`, the whole set) and add notes (`POST …/notes`). Builds its
 * own elements inside the container it is given; runs on the page's main thread.
 * @module recording-notes
 */

import { parseTags } from './library-query.js';

/** Roles that may change tags and notes (the server checks it too). */
export const LIBRARIANS = ['supervisor', 'admin'];

/**
 * @param {{container: HTMLElement, token: () => string}} options
 *   `container` an empty, hidden element; `token` the signed-in staff member's bearer token
 * @returns {{show: (entry: any, role: string) => void, hide: () => void}}
 */
export function recordingNotesPanel({ container, token }) {
  const title = make('h3', { id: 'recording-library-title', text: 'Training notes' });
  const tagsTitle = make('h4', { id: 'recording-tags-title', text: 'Tags' });
  const tagList = make('ul', { id: 'recording-tags', className: 'tag-list' });
  tagList.setAttribute('aria-labelledby', 'recording-tags-title');
  const noTags = make('p', { className: 'note', text: 'No tags yet.' });
  const notesTitle = make('h4', { id: 'recording-notes-title', text: 'Notes' });
  const noteList = make('ol', { id: 'recording-notes', className: 'recording-notes' });
  noteList.setAttribute('aria-labelledby', 'recording-notes-title');
  const noNotes = make('p', { className: 'note', text: 'No notes yet.' });

  const tagForm = make('form', { id: 'tag-form', className: 'inline-form' });
  const tagInput = /** @type {HTMLInputElement} */ (make('input', { id: 'new-tag' }));
  tagInput.type = 'text';
  tagInput.maxLength = 200;
  tagInput.autocomplete = 'off';
  tagInput.setAttribute('aria-describedby', 'new-tag-hint');
  const tagLabel = make('label', { text: 'New tags ' });
  tagLabel.append(tagInput);
  const tagHint = make('span', { id: 'new-tag-hint', className: 'note', text: 'Separate tags with commas, e.g. leak, o-ring.' });
  const tagButton = make('button', { id: 'add-tag', text: 'Add tags' });
  tagForm.append(tagLabel, tagButton, tagHint);

  const noteForm = make('form', { id: 'note-form', className: 'note-form' });
  const noteInput = /** @type {HTMLTextAreaElement} */ (make('textarea', { id: 'new-note' }));
  noteInput.rows = 3;
  noteInput.maxLength = 10000;
  const noteLabel = make('label', { text: 'New note ' });
  noteLabel.append(noteInput);
  const noteButton = make('button', { id: 'add-note', text: 'Add note' });
  noteForm.append(noteLabel, noteButton);

  const editor = make('div', { id: 'librarian-tools' });
  editor.append(tagForm, noteForm);
  const status = make('p', { id: 'library-status', className: 'note' });
  status.setAttribute('role', 'status');
  const alert = make('p', { id: 'library-error', className: 'alert' });
  alert.setAttribute('role', 'alert');
  alert.hidden = true;
  container.setAttribute('aria-labelledby', 'recording-library-title');
  container.replaceChildren(title, tagsTitle, tagList, noTags, notesTitle, noteList, noNotes, editor, status, alert);

  /** @type {any} */
  let entry = null;
  let editable = false;

  function draw() {
    const tags = /** @type {string[]} */ (entry?.tags ?? []);
    tagList.replaceChildren(...tags.map((tag) => {
      const item = make('li', {});
      item.append(make('span', { className: 'tag-name', text: tag }));
      if (editable) {
        const remove = make('button', { className: 'secondary remove-tag', text: '×' });
        remove.setAttribute('aria-label', `Remove tag ${tag}`);
        remove.addEventListener('click', () => void saveTags(tags.filter((t) => t !== tag), `Tag ${tag} removed.`));
        item.append(' ', remove);
      }
      return item;
    }));
    noTags.hidden = tags.length > 0;
    const notes = /** @type {any[]} */ (entry?.notes ?? []);
    noteList.replaceChildren(...notes.map((note) => {
      const item = make('li', {});
      const text = make('p', { className: 'note-text', text: note.text });
      const by = make('p', { className: 'note' });
      const when = make('time', { text: new Date(note.at).toLocaleString() });
      when.setAttribute('datetime', new Date(note.at).toISOString());
      by.append(`${note.authorName ?? note.author}, `, when);
      item.append(text, by);
      return item;
    }));
    noNotes.hidden = notes.length > 0;
    editor.hidden = !editable;
  }

  /**
   * @param {string} path
   * @param {string} method
   * @param {unknown} body
   */
  async function send(path, method, body) {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(answer?.message ?? `The server answered ${response.status}.`);
    }
    return answer;
  }

  /** @param {string} text */
  function showError(text) {
    alert.textContent = text;
    alert.hidden = text === '';
  }

  /**
   * @param {string[]} tags
   * @param {string} done
   */
  async function saveTags(tags, done) {
    if (!entry) {
      return;
    }
    showError('');
    try {
      const answer = await send(`/api/recordings/${encodeURIComponent(entry.recordingId)}/tags`, 'PUT', { tags });
      entry = { ...entry, tags: answer.tags };
      status.textContent = done;
      draw();
      return true;
    } catch (e) {
      showError(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  tagForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const added = parseTags(tagInput.value);
    if (!entry || added.length === 0) {
      return;
    }
    const tags = [...new Set([...(entry.tags ?? []), ...added])];
    if (await saveTags(tags, `Tags saved: ${added.join(', ')}.`)) {
      tagInput.value = '';
    }
  });

  noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!entry || noteInput.value.trim() === '') {
      return;
    }
    showError('');
    try {
      const note = await send(`/api/recordings/${encodeURIComponent(entry.recordingId)}/notes`, 'POST',
        { text: noteInput.value });
      entry = { ...entry, notes: [...(entry.notes ?? []), note] };
      noteInput.value = '';
      status.textContent = 'Note added.';
      draw();
    } catch (e) {
      showError(e instanceof Error ? e.message : String(e));
    }
  });

  return {
    show(recording, role) {
      entry = recording;
      editable = LIBRARIANS.includes(role);
      status.textContent = '';
      showError('');
      draw();
      container.hidden = false;
    },
    hide() {
      entry = null;
      container.hidden = true;
    },
  };
}

/**
 * @param {string} tag
 * @param {{id?: string, className?: string, text?: string}} options
 * @returns {HTMLElement}
 */
function make(tag, { id, className, text }) {
  const node = document.createElement(tag);
  if (id) {
    node.id = id;
  }
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
