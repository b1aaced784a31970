// @ts-check
/**
 * What the customer page shows of a session besides its own camera and the agent's name: the chat,
 * and the still the agent froze everyone's view on (under the markups). One call wires it to the page's
 * signaling client before it connects, so the `chat.history` and `session.frozen` that follow
 * `session.started` are not missed. Texts go through `t(key, params)`; English by default.
 * @module session-extras
 */

import { CHAT_TEXTS, ChatPanel } from './chat-panel.js';
import { FrozenStill } from './freeze-frame.js';

/** English texts of the keys the customer page's session extras use (the chat's included). */
export const SESSION_TEXTS = Object.freeze({
  ...CHAT_TEXTS,
  'session.frozen': 'The agent paused the picture to show you something.',
});

/**
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function englishSessionText(key, params = {}) {
  const text = /** @type {Record<string, string>} */ (SESSION_TEXTS)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * The agent's display name among a session's participants.
 * @param {{role: string, name: string}[] | undefined} participants
 * @returns {string | null}
 */
export function agentName(participants) {
  return (participants ?? []).find((p) => p.role === 'agent')?.name ?? null;
}

/**
 * @param {{signaling: import('./signaling-client.js').SignalingClient, chatRoot: HTMLElement,
 *   still: HTMLImageElement, frozenNote: HTMLElement,
 *   token: () => string | null, self: () => string | null, sessionId: () => string | null,
 *   t?: (key: string, params?: Record<string, string | number>) => string}} parts
 */
export function attachSessionExtras({ signaling, chatRoot, still, frozenNote, token, self, sessionId,
  t = englishSessionText }) {
  /** @type {string | null} */
  let agent = null;
  const chat = new ChatPanel({
    root: chatRoot,
    self,
    t,
    send: (text) => signaling.request('chat.send', { sessionId: sessionId() ?? undefined, text }),
  });
  const frozen = new FrozenStill(still, token, (on) => {
    frozenNote.hidden = !on;
  });
  frozenNote.textContent = t('session.frozen');
  /** @param {any} m */
  const showAgent = (m) => {
    agent = agentName(m.participants) ?? agent;
    chatRoot.hidden = false;
  };
  signaling.on('session.started', showAgent);
  signaling.on('session.joined', showAgent);
  signaling.on('participant.joined', (m) => {
    if (m.participant?.role === 'agent') {
      showAgent({ participants: [m.participant] });
    }
  });
  signaling.on('chat.history', (m) => chat.history(m));
  signaling.on('chat.message', (m) => chat.receive(m));
  signaling.on('session.frozen', (m) => void frozen.show(m).catch(() => {}));
  signaling.on('session.unfrozen', () => frozen.hide());
  return {
    chat,
    frozen,
    /** What tests and diagnostics read. */
    view: () => ({
      agentName: agent,
      chat: chat.log.messages.map((m) => ({ from: m.from, role: m.role, name: m.name, text: m.text })),
      frozen: frozen.snapshotId,
      stillShown: frozen.loaded && !still.hidden && still.naturalWidth > 0,
    }),
  };
}
