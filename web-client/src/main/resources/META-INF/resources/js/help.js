// @ts-check
/**
 * The help page: the customer picks language and product, gives the order number, a short
 * description and optionally a photo; the server records a ticket and answers with the customer's
 * token, which the customer page then uses to queue for an agent. Texts come from
 * `i18n/<lang>.json`; the language of the call follows the page's language where agents speak it.
 * @module help
 */

import { saveCustomerToken } from './auth.js';
import { photoProblem, submitHelp } from './help-form.js';
import { currentTranslator, onLanguageChange, t } from './i18n.js';
import { setUpPageLanguage } from './page-language.js';
import { element, showAlert } from './ui.js';

const form = element('help-form', HTMLFormElement);
const orderNumber = element('order-number', HTMLInputElement);
const photo = element('photo', HTMLInputElement);
const submit = element('submit', HTMLButtonElement);
const alertBox = element('error', HTMLElement);
const language = element('language', HTMLSelectElement);
/** Whether the customer chose the call's language, which then no longer follows the page's. */
let languageChosen = false;
/** @type {(() => string) | null} the alert's text in the current language */
let problem = null;

/** @param {(() => string) | null} text */
function showProblem(text) {
  problem = text;
  showAlert(alertBox, text ? text() : '');
}

function followPageLanguage() {
  const lang = currentTranslator().lang;
  if (!languageChosen && [...language.options].some((o) => o.value === lang)) {
    language.value = lang;
  }
}

language.addEventListener('change', () => {
  languageChosen = true;
});
onLanguageChange(() => {
  followPageLanguage();
  showProblem(problem);
});

photo.addEventListener('change', () => {
  const found = photoProblem(photo.files?.[0] ?? null);
  showProblem(found ? () => found.text() : null);
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = photo.files?.[0] ?? null;
  const found = orderNumber.value.trim() === '' ? { text: () => t('help.error.orderNumber') } : photoProblem(file);
  if (found) {
    showProblem(() => found.text());
    return;
  }
  submit.disabled = true;
  showProblem(null);
  const data = new FormData(form);
  if (!file) {
    data.delete('photo');
  }
  try {
    const entry = await submitHelp(fetch, data);
    saveCustomerToken(sessionStorage, 'help', entry.token, entry.expiresAt);
    location.assign('/customer.html?entry=help');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    showProblem(() => message);
    submit.disabled = false;
  }
});

/** Read-only view of the page for automated tests: its language and the texts it lacks. */
Object.defineProperty(window, 'remoteSupport', {
  value: Object.freeze({
    get language() { return currentTranslator().lang; },
    get missingTexts() { return [...currentTranslator().misses]; },
  }),
});

// listeners first: a form sent before the texts are in must not fall back to a plain submit
void setUpPageLanguage(element('language-picker', HTMLSelectElement)).then(followPageLanguage);
