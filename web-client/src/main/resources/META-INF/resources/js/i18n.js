// @ts-check
/**
 * Translations without DOM: which language a page speaks, and `t(key, params)` that looks a key up
 * in that language's resource file (`/i18n/<lang>.json`, a flat object of key → text), falls back
 * to English, and substitutes `{name}` parameters (numbers formatted for the language). Lookups
 * that had to fall back are recorded, so tests can prove that no page shows a missing text.
 * @module i18n
 */

/**
 * The languages the pages are translated into, by BCP 47 primary tag, with their own names (a
 * language picker shows each in itself) and writing direction.
 * @type {Readonly<Record<string, {name: string, dir: 'ltr' | 'rtl'}>>}
 */
export const LANGUAGES = Object.freeze({
  en: { name: 'English', dir: 'ltr' },
  es: { name: 'Español', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
  zh: { name: '中文', dir: 'ltr' },
  fr: { name: 'Français', dir: 'ltr' },
  de: { name: 'Deutsch', dir: 'ltr' },
  pt: { name: 'Português', dir: 'ltr' },
  ru: { name: 'Русский', dir: 'ltr' },
  ja: { name: '日本語', dir: 'ltr' },
  ko: { name: '한국어', dir: 'ltr' },
});

/** The language every resource file is checked against and every lookup falls back to. */
export const FALLBACK_LANGUAGE = 'en';

/** Where a person's choice of language is remembered (localStorage), shared by every page. */
export const LANGUAGE_STORAGE_KEY = 'remote-support.language';

/**
 * The language to show: the one the link asks for (`?lang=es`, e.g. the ticket's language that an
 * agent put in the link), else the remembered choice, else the browser's preferences in order (by
 * primary tag: `pt-BR` is `pt`), else English.
 * @param {readonly string[]} preferred `navigator.languages`
 * @param {string | null} [saved] the remembered choice
 * @param {string | null} [requested] the link's `lang` parameter
 * @returns {string}
 */
export function pickLanguage(preferred, saved, requested) {
  for (const choice of [requested, saved]) {
    const primary = choice ? String(choice).split(/[-_]/)[0].toLowerCase() : '';
    if (primary && Object.hasOwn(LANGUAGES, primary)) {
      return primary;
    }
  }
  for (const tag of preferred) {
    const primary = String(tag).split(/[-_]/)[0].toLowerCase();
    if (Object.hasOwn(LANGUAGES, primary)) {
      return primary;
    }
  }
  return FALLBACK_LANGUAGE;
}

/**
 * @param {string} lang
 * @returns {'ltr' | 'rtl'}
 */
export function direction(lang) {
  return Object.hasOwn(LANGUAGES, lang) ? LANGUAGES[lang].dir : 'ltr';
}

/**
 * Replaces `{name}` in a text by the parameter of that name; numbers are written as the language
 * writes them (digits, separators); unknown placeholders stay as they are.
 * @param {string} text
 * @param {Record<string, string | number> | undefined} params
 * @param {string} lang
 * @returns {string}
 */
export function interpolate(text, params, lang) {
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(params, name)) {
      return whole;
    }
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}

/** One language's texts with English beneath them, and the lookups that had to fall back. */
export class Translator {
  /**
   * @param {string} lang
   * @param {Record<string, string>} messages the language's resource file
   * @param {Record<string, string>} [fallback] English, when `lang` is not English
   */
  constructor(lang, messages, fallback = {}) {
    this.lang = lang;
    this.dir = direction(lang);
    this.messages = messages;
    this.fallback = fallback;
    /** Keys looked up that this language lacks ("lang:key"); English or the raw key was shown. */
    /** @type {Set<string>} */
    this.misses = new Set();
  }

  /**
   * The text for `key` with `params` substituted; English when the language lacks it, the key
   * itself when English lacks it too (both recorded in {@link Translator#misses}).
   * @param {string} key
   * @param {Record<string, string | number>} [params]
   * @returns {string}
   */
  t(key, params) {
    let text = Object.hasOwn(this.messages, key) ? this.messages[key] : undefined;
    if (typeof text !== 'string') {
      this.misses.add(`${this.lang}:${key}`);
      text = Object.hasOwn(this.fallback, key) ? this.fallback[key] : undefined;
    }
    return interpolate(typeof text === 'string' ? text : key, params, this.lang);
  }

  /**
   * @param {string} key
   * @returns {boolean} whether the language or English has the key
   */
  has(key) {
    return Object.hasOwn(this.messages, key) || Object.hasOwn(this.fallback, key);
  }
}

/**
 * Fetches a language's resource file and English beneath it.
 * @param {string} lang one of {@link LANGUAGES}
 * @param {{fetch?: typeof fetch, base?: string}} [options] base URL of the files, `/i18n/` by default
 * @returns {Promise<Translator>}
 */
export async function loadTranslator(lang, options = {}) {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.base ?? '/i18n/';
  const code = Object.hasOwn(LANGUAGES, lang) ? lang : FALLBACK_LANGUAGE;
  /** @param {string} name @returns {Promise<Record<string, string>>} */
  const load = async (name) => {
    const response = await fetchFn(`${base}${name}.json`);
    if (!response.ok) {
      throw new Error(`no texts for ${name} (${response.status})`);
    }
    return response.json();
  };
  if (code === FALLBACK_LANGUAGE) {
    return new Translator(code, await load(code));
  }
  const [messages, fallback] = await Promise.all([load(code), load(FALLBACK_LANGUAGE)]);
  return new Translator(code, messages, fallback);
}

/** @type {Translator} */
let current = new Translator(FALLBACK_LANGUAGE, {});
/** @type {Set<(translator: Translator) => void>} */
const listeners = new Set();

/**
 * Looks a key up in the page's current language (see {@link Translator#t}).
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, params) {
  return current.t(key, params);
}

/** @returns {Translator} the page's current language */
export function currentTranslator() {
  return current;
}

/**
 * Makes `translator` the page's language and tells every listener, which re-render their texts.
 * @param {Translator} translator
 */
export function useTranslator(translator) {
  current = translator;
  for (const listener of listeners) {
    listener(translator);
  }
}

/**
 * Calls `listener` whenever the page's language changes.
 * @param {(translator: Translator) => void} listener
 * @returns {() => void} stops listening
 */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
