// @ts-check
/**
 * Join codes and customer links, without DOM.
 * @module invite
 */

/** Characters a join code may contain; anything else in a pasted link is ignored. */
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads the join code from a customer link: `/s/{code}` (what agents hand out), or `?code=`.
 * @param {{pathname: string, search: string}} location
 * @returns {string | null} the code, or null when the link has none
 */
export function joinCodeFromLocation(location) {
  const match = /\/s\/([^/?#]+)\/?$/.exec(location.pathname);
  const raw = match ? decodeURIComponent(match[1]) : new URLSearchParams(location.search).get('code');
  const code = raw?.trim() ?? '';
  return CODE_PATTERN.test(code) ? code : null;
}

/**
 * The link a customer opens. The server's link is used when it gives one; a relative one (or none)
 * is resolved against the address the agent reached the server on, which the customer can reach too.
 * @param {string | undefined | null} serverLink `link` of `session.created`
 * @param {string} code
 * @param {string} pageUrl the agent page's own URL
 * @returns {string}
 */
export function customerLink(serverLink, code, pageUrl) {
  return new URL(serverLink || `/s/${encodeURIComponent(code)}`, pageUrl).toString();
}
