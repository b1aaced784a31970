// @ts-check
/**
 * The chat of a session, shared by the customer page and the agent console: a list of messages that
 * screen readers announce as they arrive (`aria-live`), a text box and a send button, and optional
 * quick replies. It keeps no connection of its own: the page hands it `chat.message` and
 * `chat.history` messages and a `send` function. Every text a person reads goes through `t(key)`,
 * so a page with translations passes its own; English is the default.
 * @module chat-panel
 */

/** English texts of the keys this panel uses. */
export const CHAT_TEXTS = Object.freeze({
  'chat.title': 'Chat',
  'chat.placeholder': 'Type a message',
  'chat.send': 'Send',
  'chat.you': 'You',
  'chat.failed': 'The message could not be sent.',
  'chat.quickReplies': 'Quick replies',
});

/**
 * @typedef {{messageId: string, from: string, name: string, role: string, text: string, at: number}} ChatMessage
 * @typedef {(key: string, params?: Record<string, string | number>) => string} Translate
 */

/** @type {Translate} */
export function englishText(key) {
  return /** @type {Record<string, string>} */ (CHAT_TEXTS)[key] ?? key;
}

/**
 * The messages of a chat in order, without duplicates, and who the reader is; no DOM.
 */
export class ChatLog {
  constructor() {
    /** @type {ChatMessage[]} */
    this.messages = [];
    /** @type {Set<string>} */
    this.ids = new Set();
  }

  /**
   * Adds a message unless it is there already (the sender gets its own as a reply and may get the
   * history again after a reconnect).
   * @param {ChatMessage} message
   * @returns {boolean} whether it was new
   */
  add(message) {
    if (!message || this.ids.has(message.messageId)) {
      return false;
    }
    this.ids.add(message.messageId);
    this.messages.push(message);
    this.messages.sort((a, b) => a.at - b.at);
    return true;
  }

  /**
   * Adds every message of a `chat.history`.
   * @param {ChatMessage[]} messages
   */
  addAll(messages) {
    let changed = false;
    for (const message of messages ?? []) {
      changed = this.add(message) || changed;
    }
    return changed;
  }
}

/** The chat panel in a page: renders a {@link ChatLog} into `root` and sends what the person types. */
export class ChatPanel {
  /**
   * @param {{root: HTMLElement, send: (text: string) => Promise<ChatMessage>, self: () => string | null,
   *   t?: Translate, quickReplies?: string[], maxLength?: number}} options `self` is the reader's
   *   participant id, so its own messages read "You"
   */
  constructor({ root, send, self, t = englishText, quickReplies = [], maxLength = 1000 }) {
    this.log = new ChatLog();
    this.sendText = send;
    this.self = self;
    this.t = t;
    root.classList.add('chat');
    const heading = document.createElement('h2');
    heading.textContent = t('chat.title');
    heading.id = `${root.id || 'chat'}-title`;
    root.setAttribute('aria-labelledby', heading.id);
    this.list = document.createElement('ol');
    this.list.className = 'chat-messages';
    this.list.setAttribute('aria-live', 'polite');
    this.list.setAttribute('aria-relevant', 'additions');
    this.list.tabIndex = 0;
    this.list.setAttribute('aria-label', t('chat.title'));
    this.form = document.createElement('form');
    this.form.className = 'chat-form';
    this.input = document.createElement('input');
    this.input.type = 'text';
    this.input.maxLength = maxLength;
    this.input.autocomplete = 'off';
    this.input.placeholder = t('chat.placeholder');
    this.input.setAttribute('aria-label', t('chat.placeholder'));
    this.input.className = 'chat-input';
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = t('chat.send');
    button.className = 'chat-send';
    this.form.append(this.input, button);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(this.input.value);
    });
    root.replaceChildren(heading, this.list);
    if (quickReplies.length > 0) {
      const replies = document.createElement('div');
      replies.className = 'chat-quick';
      replies.setAttribute('role', 'group');
      replies.setAttribute('aria-label', t('chat.quickReplies'));
      for (const text of quickReplies) {
        const quick = document.createElement('button');
        quick.type = 'button';
        quick.className = 'secondary';
        quick.textContent = text;
        quick.addEventListener('click', () => void this.submit(text));
        replies.append(quick);
      }
      root.append(replies);
    }
    root.append(this.form);
    this.error = document.createElement('p');
    this.error.className = 'note';
    this.error.hidden = true;
    root.append(this.error);
  }

  /** @param {string} raw */
  async submit(raw) {
    const text = raw.trim();
    if (text === '') {
      return;
    }
    this.error.hidden = true;
    try {
      this.receive(await this.sendText(text));
      if (this.input.value.trim() === text) {
        this.input.value = '';
      }
    } catch (e) {
      this.error.textContent = `${this.t('chat.failed')} ${e instanceof Error ? e.message : ''}`.trim();
      this.error.hidden = false;
    }
  }

  /** @param {ChatMessage} message a `chat.message` */
  receive(message) {
    if (this.log.add(message)) {
      this.render();
    }
  }

  /** @param {{messages: ChatMessage[]}} history a `chat.history` */
  history(history) {
    if (this.log.addAll(history.messages)) {
      this.render();
    }
  }

  /** Forgets the messages (a new session starts). */
  clear() {
    this.log = new ChatLog();
    this.render();
  }

  render() {
    const self = this.self();
    this.list.replaceChildren(...this.log.messages.map((m) => {
      const item = document.createElement('li');
      item.dataset.role = m.role;
      item.dataset.messageId = m.messageId;
      if (m.from === self) {
        item.classList.add('own');
      }
      const who = document.createElement('span');
      who.className = 'chat-who';
      who.textContent = m.from === self ? this.t('chat.you') : m.name;
      const time = document.createElement('time');
      time.dateTime = new Date(m.at).toISOString();
      time.textContent = new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      const text = document.createElement('span');
      text.className = 'chat-text';
      text.textContent = m.text;
      item.append(who, ' ', time, document.createElement('br'), text);
      return item;
    }));
    this.list.scrollTop = this.list.scrollHeight;
  }
}
