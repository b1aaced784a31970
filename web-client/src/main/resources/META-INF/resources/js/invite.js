// @ts-check
/**
 * Invite links, without DOM.
 * @module invite
 */

/** Characters an invite token may contain (a compact JWS: base64url parts joined by dots). */
const TOKEN_PATTERN = /^[A-Za-z0-9_.-]{1,4096}$/;

/**
 * Reads the invite token from a customer link `/s/{token}`.
 * @param {{pathname: string}} location
 * @returns {string | null} the token, or null when the link has none
 */
export function inviteTokenFromLocation(location) {
  const match = /\/s\/([^/?#]+)\/?$/.exec(location.pathname);
  if (!match) {
    return null;
  }
  let raw;
  try {
    raw = decodeURIComponent(match[1]).trim();
  } catch {
    return null;
  }
  return TOKEN_PATTERN.test(raw) ? raw : null;
}

/**
 * The link a customer opens. The server's link is absolute when a public URL is configured; a
 * relative one is resolved against the address the agent reached the server on, which the customer
 * can reach too.
 * @param {string} serverLink `link` of `session.created` or `invite.created`
 * @param {string} pageUrl the agent page's own URL
 * @returns {string}
 */
export function customerLink(serverLink, pageUrl) {
  return new URL(serverLink, pageUrl).toString();
}
