// @ts-check
import { SignInError, saveCustomerToken, saveLogin, savedCustomerToken, savedLogin, signIn } from '/js/auth.js';
import { assertEquals, assertTrue, test } from './harness.js';

/** @returns {Storage} */
function memoryStorage() {
  /** @type {Map<string, string>} */
  const items = new Map();
  return /** @type {any} */ ({
    getItem: (/** @type {string} */ k) => items.get(k) ?? null,
    setItem: (/** @type {string} */ k, /** @type {string} */ v) => items.set(k, v),
    removeItem: (/** @type {string} */ k) => items.delete(k),
  });
}

/**
 * @param {number} status
 * @param {any} body
 * @returns {typeof fetch}
 */
function answering(status, body) {
  return /** @type {any} */ (async () => ({ ok: status < 300, status, json: async () => body }));
}

test('auth: a good sign-in returns the token', async () => {
  const login = await signIn(answering(200, { token: 't', expiresAt: 5, username: 'ana', name: 'Ana', role: 'agent' }), 'ana', 'pw');
  assertEquals(login.token, 't');
});

test('auth: a wrong password says so', async () => {
  try {
    await signIn(answering(401, { error: 'invalid_credentials', message: 'wrong username or password' }), 'ana', 'x');
    throw new Error('no refusal');
  } catch (e) {
    assertTrue(e instanceof SignInError, 'a SignInError');
    assertEquals(/** @type {SignInError} */ (e).message, 'Wrong username or password.');
  }
});

test('auth: a saved sign-in is used until shortly before it expires', () => {
  const storage = memoryStorage();
  saveLogin(storage, { token: 't', expiresAt: 1_000_000, username: 'ana', name: 'Ana', role: 'agent' });
  assertEquals(savedLogin(storage, 0)?.token, 't');
  assertEquals(savedLogin(storage, 950_000), null);
});

test('auth: a customer token is kept for the entry it came from', () => {
  const storage = memoryStorage();
  saveCustomerToken(storage, 'invite-1', 'c', 100);
  assertEquals(savedCustomerToken(storage, 'invite-1', 50), 'c');
  assertEquals(savedCustomerToken(storage, 'invite-2', 50), null);
  assertEquals(savedCustomerToken(storage, 'invite-1', 100), null);
});
