// @ts-check
/**
 * Puts a page into its language: picks it (the link's `?lang=`, the remembered choice, then the
 * browser's), loads its
 * texts, fills every element marked `data-i18n="key"` (text), `data-i18n-label="key"`
 * (`aria-label`), `data-i18n-placeholder="key"` and `data-i18n-title="key"`, sets `lang` and `dir`
 * on `<html>`, and wires a `<select>` that switches the language and remembers it. Texts set in
 * code use `t()` from {@link module:i18n} and re-render on {@link module:i18n.onLanguageChange}.
 * @module page-language
 */

import {
  LANGUAGES, LANGUAGE_STORAGE_KEY, currentTranslator, loadTranslator, pickLanguage, useTranslator,
} from './i18n.js';

/** Attribute → what it fills. */
const ATTRIBUTES = /** @type {const} */ ([
  ['data-i18n-label', 'aria-label'],
  ['data-i18n-placeholder', 'placeholder'],
  ['data-i18n-title', 'title'],
]);

/**
 * Fills the marked elements under `root` from the current language.
 * @param {ParentNode} [root]
 */
export function applyTranslations(root = document) {
  const translator = currentTranslator();
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = translator.t(/** @type {string} */ (node.getAttribute('data-i18n')));
  }
  for (const [attribute, target] of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[${attribute}]`)) {
      node.setAttribute(target, translator.t(/** @type {string} */ (node.getAttribute(attribute))));
    }
  }
  const html = document.documentElement;
  html.lang = translator.lang;
  html.dir = translator.dir;
}

/**
 * @returns {string | null} the remembered language, if storage works here
 */
function savedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Loads and shows a language; a language whose texts cannot be loaded leaves the page as it was.
 * @param {string} lang
 * @param {{remember?: boolean}} [options] remember the choice for the next visit
 */
export async function switchLanguage(lang, options = {}) {
  const translator = await loadTranslator(lang);
  if (options.remember) {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, translator.lang);
    } catch {
      // private browsing may refuse storage: the choice lasts for this page only
    }
    // a link that named a language keeps the person's choice on reload
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', translator.lang);
      history.replaceState(history.state, '', url);
    }
  }
  useTranslator(translator);
  applyTranslations();
}

/**
 * Picks, loads and shows the page's language, and fills `picker` (if any) with every language,
 * each named in itself; choosing one switches the page and remembers it.
 * @param {HTMLSelectElement | null} picker
 * @returns {Promise<void>} resolves once the page shows its texts
 */
export async function setUpPageLanguage(picker) {
  const lang = pickLanguage(navigator.languages ?? [navigator.language], savedLanguage(),
    new URLSearchParams(location.search).get('lang'));
  try {
    await switchLanguage(lang);
  } catch {
    // the chosen language's file failed to load: English is the last resort
    await switchLanguage('en');
  }
  if (picker) {
    picker.replaceChildren(...Object.entries(LANGUAGES).map(([code, { name }]) => {
      const option = new Option(name, code);
      option.lang = code;
      return option;
    }));
    picker.value = currentTranslator().lang;
    picker.addEventListener('change', () => {
      switchLanguage(picker.value, { remember: true }).catch(() => {
        picker.value = currentTranslator().lang;
      });
    });
  }
  document.documentElement.classList.remove('i18n-pending');
}
