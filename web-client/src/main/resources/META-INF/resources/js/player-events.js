// @ts-check
/**
 * The recording player's view of the session's events beside the video: a legend of the marker
 * kinds, the chat (and staff notes) as written up to the moment shown, the snapshots as thumbnails
 * that seek to their moment, a "frozen" badge while everyone's view was frozen on a still, the outcome
 * once the recording reaches its end, and the link to the session's report. The logic lives in
 * replay-timeline.js; this module only draws.
 * @module player-events
 */

import { loadSnapshot, snapshotUrl } from './freeze-frame.js';
import { EVENT_KINDS, chatUntil, clock, ending, frozenAt } from './replay-timeline.js';
import { element } from './ui.js';

/** Draws a recording's session events; one per page. */
export class PlayerEvents {
  /**
   * @param {(ms: number) => void} seekTo moves the player to a moment of the recording
   * @param {() => string} token the reader's token, for the snapshot images
   */
  constructor(seekTo, token) {
    this.seekTo = seekTo;
    this.token = token;
    this.legend = element('marker-legend', HTMLElement);
    this.chat = element('replay-chat', HTMLElement);
    this.chatEmpty = element('replay-chat-empty', HTMLElement);
    this.snapshots = element('replay-snapshots', HTMLElement);
    this.frozenBadge = element('replay-frozen', HTMLElement);
    this.outcome = element('replay-outcome', HTMLElement);
    this.reportLink = element('report-link', HTMLAnchorElement);
    /** @type {import('./replay-timeline.js').TimedEvent[]} */
    this.events = [];
    this.durationMs = 0;
    this.chatCount = -1;
    /** @type {string | null} */
    this.frozen = null;
    this.atEnd = false;
    /** @type {string[]} object URLs of the thumbnails, released on the next recording */
    this.urls = [];
    this.legend.replaceChildren(...Object.entries(EVENT_KINDS).map(([kind, words]) => {
      const item = document.createElement('li');
      const shape = document.createElement('span');
      shape.className = `swatch ${kind}`;
      shape.setAttribute('aria-hidden', 'true');
      item.append(shape, ` ${words}`);
      return item;
    }));
  }

  /**
   * Shows a recording's events.
   * @param {import('./replay-timeline.js').TimedEvent[]} events on the recording's clock
   * @param {string} sessionId
   * @param {number} durationMs
   */
  show(events, sessionId, durationMs) {
    this.clear();
    this.events = events;
    this.durationMs = durationMs;
    this.reportLink.href = `/report.html?session=${encodeURIComponent(sessionId)}`;
    this.reportLink.hidden = false;
    let number = 0;
    this.snapshots.replaceChildren(...events.filter((e) => e.kind === 'snapshot' && e.snapshotId).map((e) => {
      number += 1;
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'thumbnail';
      button.dataset.snapshotId = e.snapshotId;
      button.title = `Go to snapshot ${number}, ${clock(Math.max(0, e.atMs))}`;
      const image = document.createElement('img');
      image.alt = `Snapshot ${number}, taken at ${clock(Math.max(0, e.atMs))}${e.name ? ` by ${e.name}` : ''}`;
      button.append(image);
      button.addEventListener('click', () => this.seekTo(Math.max(0, e.atMs)));
      void loadSnapshot(fetch, snapshotUrl(sessionId, /** @type {string} */ (e.snapshotId)), this.token())
        .then((url) => {
          this.urls.push(url);
          image.src = url;
        })
        .catch(() => { image.alt += ' (the image is no longer kept)'; });
      item.append(button);
      return item;
    }));
    this.render(0);
  }

  /** Forgets the recording's events. */
  clear() {
    for (const url of this.urls) {
      URL.revokeObjectURL(url);
    }
    this.urls = [];
    this.events = [];
    this.chatCount = -1;
    this.frozen = null;
    this.atEnd = false;
    this.chat.replaceChildren();
    this.snapshots.replaceChildren();
    this.frozenBadge.hidden = true;
    this.outcome.hidden = true;
    this.reportLink.hidden = true;
  }

  /**
   * Shows the chat, the frozen badge and the outcome of a moment of the recording.
   * @param {number} atMs
   */
  render(atMs) {
    const lines = chatUntil(this.events, atMs);
    if (lines.length !== this.chatCount) {
      this.chatCount = lines.length;
      this.chat.replaceChildren(...lines.map((e) => {
        const item = document.createElement('li');
        item.className = e.kind === 'note' ? 'note-line' : `chat-line ${e.role ?? ''}`;
        const who = document.createElement('strong');
        who.textContent = `${e.kind === 'note' ? 'Note, ' : ''}${e.name ?? 'someone'}`;
        const when = document.createElement('span');
        when.className = 'note';
        when.textContent = ` ${clock(Math.max(0, e.atMs))} `;
        const text = document.createElement('span');
        text.textContent = e.text ?? '';
        item.append(who, when, text);
        return item;
      }));
      this.chatEmpty.hidden = lines.length > 0;
      this.chat.scrollTop = this.chat.scrollHeight;
    }
    const frozen = frozenAt(this.events, atMs);
    if (frozen !== this.frozen) {
      this.frozen = frozen;
      this.frozenBadge.hidden = frozen === null;
      const shots = this.events.filter((e) => e.kind === 'snapshot');
      const index = shots.findIndex((e) => e.snapshotId === frozen);
      this.frozenBadge.textContent = index >= 0 ? `Picture frozen on snapshot ${index + 1}` : 'Picture frozen';
    }
    const atEnd = this.durationMs > 0 && atMs >= this.durationMs - 500;
    if (atEnd !== this.atEnd) {
      this.atEnd = atEnd;
      const end = ending(this.events);
      this.outcome.hidden = !atEnd || end === null;
      if (end) {
        this.outcome.textContent = `Outcome: ${end.outcome ?? `none (${end.reason ?? 'ended'})`}${end.note ? `. ${end.note}` : ''}`;
      }
    }
  }
}
