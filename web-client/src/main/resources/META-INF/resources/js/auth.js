// @ts-check
/**
 * Sign-in for the consoles and the customer's saved token, without DOM: `fetch` and the storage are
 * parameters so tests can replace them.
 * @module auth
 */

/**
 * A staff sign-in as `POST /api/auth/login` answers it.
 * @typedef {{token: string, expiresAt: number, username: string, name: string, role: string,
 *   languages?: string[], categories?: string[]}} Login
 */

const STAFF_KEY = 'remote-support.login';
const CUSTOMER_KEY = 'remote-support.customer';

/** A refused sign-in: `code` is the server's (`invalid_credentials`, …) or `network`. */
export class SignInError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'SignInError';
    this.code = code;
  }
}

/**
 * Signs in with a username and password.
 * @param {typeof fetch} fetchFn
 * @param {string} username
 * @param {string} password
 * @returns {Promise<Login>}
 */
export async function signIn(fetchFn, username, password) {
  let response;
  try {
    response = await fetchFn('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new SignInError('network', 'Cannot reach the server. Check the network and try again.');
  }
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a proxy's error page is not JSON; the status says enough
  }
  if (!response.ok) {
    if (body?.error === 'invalid_credentials') {
      throw new SignInError('invalid_credentials', 'Wrong username or password.');
    }
    throw new SignInError(body?.error ?? 'error', body?.message ?? `Sign-in failed (${response.status}).`);
  }
  return /** @type {Login} */ (body);
}

/**
 * The saved sign-in, if it has not expired.
 * @param {Pick<Storage, 'getItem'>} storage
 * @param {number} now epoch ms
 * @returns {Login | null}
 */
export function savedLogin(storage, now) {
  try {
    const login = JSON.parse(storage.getItem(STAFF_KEY) ?? 'null');
    return login && typeof login.token === 'string' && login.expiresAt > now + 60000 ? login : null;
  } catch {
    return null;
  }
}

/**
 * @param {Pick<Storage, 'setItem'>} storage
 * @param {Login} login
 */
export function saveLogin(storage, login) {
  storage.setItem(STAFF_KEY, JSON.stringify(login));
}

/** @param {Pick<Storage, 'removeItem'>} storage */
export function forgetLogin(storage) {
  storage.removeItem(STAFF_KEY);
}

/**
 * The customer's own token for this entry (an invite link, or `help` for the help page), if one was
 * saved and has not expired: a reloaded page uses it instead of the used-up link.
 * @param {Pick<Storage, 'getItem'>} storage
 * @param {string} entry
 * @param {number} now epoch ms
 * @returns {string | null}
 */
export function savedCustomerToken(storage, entry, now) {
  try {
    const saved = JSON.parse(storage.getItem(CUSTOMER_KEY) ?? 'null');
    return saved && saved.entry === entry && typeof saved.token === 'string' && saved.expiresAt > now
      ? saved.token : null;
  } catch {
    return null;
  }
}

/**
 * @param {Pick<Storage, 'setItem'>} storage
 * @param {string} entry
 * @param {string} token
 * @param {number} expiresAt epoch ms
 */
export function saveCustomerToken(storage, entry, token, expiresAt) {
  storage.setItem(CUSTOMER_KEY, JSON.stringify({ entry, token, expiresAt }));
}
