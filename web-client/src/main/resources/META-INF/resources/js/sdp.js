// @ts-check
/**
 * SDP helpers that need neither the DOM nor an RTCPeerConnection, so they can be tested alone.
 * The relay writes every offer; the client only needs to read which m-lines exist, which way
 * each one is offered, and what direction to answer with.
 * @module sdp
 */

/**
 * @typedef {'sendrecv' | 'sendonly' | 'recvonly' | 'inactive'} Direction
 */

/**
 * One m-line of a session description as far as the client cares.
 * @typedef {object} MediaSection
 * @property {string} kind       media type of the m-line: `audio`, `video` or `application`
 * @property {string | null} mid value of `a=mid`, or null when the m-line has none
 * @property {Direction} direction as written in the section (or inherited from the session level)
 * @property {number} port       the m-line port; 0 means the section is rejected or stopped
 */

/** @type {ReadonlyArray<Direction>} */
const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * Splits an SDP into its m-line sections.
 * @param {string} sdp
 * @returns {MediaSection[]}
 */
export function parseMediaSections(sdp) {
  const lines = sdp.split(/\r?\n/);
  /** @type {Direction} */
  let sessionDirection = 'sendrecv';
  /** @type {MediaSection[]} */
  const sections = [];
  /** @type {MediaSection | null} */
  let current = null;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      const [kind, port] = line.substring(2).split(' ');
      current = { kind, mid: null, direction: sessionDirection, port: Number.parseInt(port, 10) || 0 };
      sections.push(current);
    } else if (line.startsWith('a=')) {
      const attribute = line.substring(2).trim();
      const direction = asDirection(attribute);
      if (direction) {
        if (current) {
          current.direction = direction;
        } else {
          sessionDirection = direction;
        }
      } else if (current && attribute.startsWith('mid:')) {
        current.mid = attribute.substring(4);
      }
    }
  }
  return sections;
}

/**
 * Finds the section with the given mid.
 * @param {string} sdp
 * @param {string} mid
 * @returns {MediaSection | undefined}
 */
export function findSection(sdp, mid) {
  return parseMediaSections(sdp).find((section) => section.mid === mid);
}

/**
 * The direction a client answers with on an m-line the relay offered with `offered`, given
 * whether the client has a track to send there. Receiving is kept whenever the relay offers to
 * send, so an uplink that the relay also uses to send back keeps working.
 * @param {Direction} offered direction in the relay's offer (from the relay's point of view)
 * @param {boolean} sending   whether the client attaches a track to this m-line
 * @returns {Direction}
 */
export function answerDirection(offered, sending) {
  const relayReceives = offered === 'sendrecv' || offered === 'recvonly';
  const relaySends = offered === 'sendrecv' || offered === 'sendonly';
  const send = sending && relayReceives;
  if (send && relaySends) {
    return 'sendrecv';
  }
  if (send) {
    return 'sendonly';
  }
  return relaySends ? 'recvonly' : 'inactive';
}

/**
 * @param {string} attribute an attribute without its `a=` prefix
 * @returns {Direction | null}
 */
function asDirection(attribute) {
  return /** @type {ReadonlyArray<string>} */ (DIRECTIONS).includes(attribute)
    ? /** @type {Direction} */ (attribute)
    : null;
}
