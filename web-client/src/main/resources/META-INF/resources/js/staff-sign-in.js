// @ts-check
/**
 * The sign-in form of the staff pages that admit only some roles (supervisor page, recording
 * player): signs in on submit, refuses other roles with the page's own words, keeps the login for
 * the tab, and signs out. The page keeps its `login` and redraws in the callbacks.
 * @module staff-sign-in
 */

import { forgetLogin, saveLogin, signIn } from './auth.js';
import { element, showAlert } from './ui.js';

/**
 * Wires the page's `#signin` form (`#username`, `#password`) and `#signout` button.
 * @param {{roles: string[], refusal: string, alertBox: HTMLElement,
 *   onSignedIn: (login: any) => void, onSignedOut: () => void}} options
 *   `refusal` is shown to an account of another role; `onSignedOut` runs after the login is forgotten
 */
export function attachStaffSignIn({ roles, refusal, alertBox, onSignedIn, onSignedOut }) {
  const form = element('signin', HTMLFormElement);
  const username = element('username', HTMLInputElement);
  const password = element('password', HTMLInputElement);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showAlert(alertBox, '');
    try {
      const signed = await signIn(fetch, username.value.trim(), password.value);
      if (!roles.includes(signed.role)) {
        showAlert(alertBox, refusal);
        return;
      }
      saveLogin(sessionStorage, signed);
      password.value = '';
      onSignedIn(signed);
    } catch (e) {
      showAlert(alertBox, e instanceof Error ? e.message : String(e));
    }
  });
  element('signout', HTMLButtonElement).addEventListener('click', () => {
    forgetLogin(sessionStorage);
    onSignedOut();
  });
}

/**
 * Reads JSON from the REST API with the staff login's token. A 401 (the login expired) forgets the
 * login, runs `onExpired` and throws; another refusal throws the server's message.
 * @param {string} path
 * @param {string} token
 * @param {() => void} onExpired
 * @returns {Promise<any>}
 */
export async function staffApi(path, token, onExpired) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 401) {
    forgetLogin(sessionStorage);
    onExpired();
    throw new Error('Your sign-in has expired. Sign in again.');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.message ?? `The server answered ${response.status}.`);
  }
  return response.json();
}
