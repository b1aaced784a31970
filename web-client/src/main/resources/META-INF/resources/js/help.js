// @ts-check
/**
 * The help page: the customer picks language and product, gives the order number, a short
 * description and optionally a photo; the server records a ticket and answers with the customer's
 * token, which the customer page then uses to queue for an agent.
 * @module help
 */

import { saveCustomerToken } from './auth.js';
import { photoProblem, submitHelp } from './help-form.js';
import { element, showAlert } from './ui.js';

const form = element('help-form', HTMLFormElement);
const orderNumber = element('order-number', HTMLInputElement);
const photo = element('photo', HTMLInputElement);
const submit = element('submit', HTMLButtonElement);
const alertBox = element('error', HTMLElement);

const language = element('language', HTMLSelectElement);
const preferred = (navigator.language || 'en').slice(0, 2).toLowerCase();
if ([...language.options].some((o) => o.value === preferred)) {
  language.value = preferred;
}

photo.addEventListener('change', () => {
  showAlert(alertBox, photoProblem(photo.files?.[0] ?? null) ?? '');
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = photo.files?.[0] ?? null;
  const problem = orderNumber.value.trim() === '' ? 'Enter your order number.' : photoProblem(file);
  if (problem) {
    showAlert(alertBox, problem);
    return;
  }
  submit.disabled = true;
  showAlert(alertBox, '');
  const data = new FormData(form);
  if (!file) {
    data.delete('photo');
  }
  try {
    const entry = await submitHelp(fetch, data);
    saveCustomerToken(sessionStorage, 'help', entry.token, entry.expiresAt);
    location.assign('/customer.html?entry=help');
  } catch (e) {
    showAlert(alertBox, e instanceof Error ? e.message : String(e));
    submit.disabled = false;
  }
});
