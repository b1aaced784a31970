// @ts-check
import { LANGUAGES, Translator, interpolate, loadTranslator, pickLanguage } from '/js/i18n.js';
import { assertEquals, assertTrue, test } from './harness.js';

/** @param {string} lang @returns {Promise<Record<string, string>>} */
async function file(lang) {
  const response = await fetch(`/i18n/${lang}.json`);
  assertTrue(response.ok, `i18n/${lang}.json is served`);
  return response.json();
}

test('i18n: every language file has exactly the keys of English, each a non-empty text', async () => {
  const english = Object.keys(await file('en')).sort();
  assertTrue(english.length > 50, 'English has the pages\' texts');
  for (const lang of Object.keys(LANGUAGES)) {
    const messages = await file(lang);
    const keys = Object.keys(messages).sort();
    assertEquals(keys.filter((k) => !english.includes(k)), [], `${lang}: keys English lacks`);
    assertEquals(english.filter((k) => !keys.includes(k)), [], `${lang}: keys missing`);
    assertEquals(keys.filter((k) => typeof messages[k] !== 'string' || messages[k].trim() === ''), [], `${lang}: empty texts`);
  }
});

test('i18n: every translation keeps the parameters of the English text', async () => {
  const english = await file('en');
  const params = (/** @type {string} */ text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const lang of Object.keys(LANGUAGES)) {
    const messages = await file(lang);
    for (const key of Object.keys(english)) {
      assertEquals(params(messages[key] ?? ''), params(english[key]), `${lang} ${key} parameters`);
    }
  }
});

test('i18n: translations differ from English where a person would read them', async () => {
  const english = await file('en');
  for (const lang of Object.keys(LANGUAGES).filter((l) => l !== 'en')) {
    const messages = await file(lang);
    const same = Object.keys(english).filter((k) => messages[k] === english[k]);
    // a few words are the same in many languages ("Zoom", "Live", "Smartphone"); most are not
    assertTrue(same.length <= 5, `${lang}: ${same.length} texts left in English: ${same.join(', ')}`);
  }
});

test('i18n: parameters are substituted, numbers written as the language writes them', () => {
  assertEquals(interpolate('You are number {position} in line.', { position: 3 }, 'en'), 'You are number 3 in line.');
  assertEquals(interpolate('{name} is helping you', { name: 'Ana' }, 'en'), 'Ana is helping you');
  assertEquals(interpolate('{n} and {unknown}', { n: 1234 }, 'de'), '1.234 and {unknown}');
  assertEquals(interpolate('{n}', { n: 7 }, 'ar'), new Intl.NumberFormat('ar').format(7));
});

test('i18n: a missing text falls back to English, then to the key, and is recorded', () => {
  const translator = new Translator('es', { 'a': 'uno {x}' }, { 'a': 'one {x}', 'b': 'two' });
  assertEquals(translator.t('a', { x: 'y' }), 'uno y');
  assertEquals(translator.t('b'), 'two');
  assertEquals(translator.t('c'), 'c');
  assertEquals([...translator.misses].sort(), ['es:b', 'es:c']);
  assertEquals(translator.t('constructor'), 'constructor', 'inherited names are not texts');
});

test('i18n: the language comes from the link, the saved choice, the browser, then English', () => {
  assertEquals(pickLanguage(['pt-BR', 'en'], null), 'pt');
  assertEquals(pickLanguage(['it-IT', 'ar-EG'], null), 'ar');
  assertEquals(pickLanguage(['it'], null), 'en');
  assertEquals(pickLanguage(['de'], 'ko'), 'ko');
  assertEquals(pickLanguage(['de'], 'xx'), 'de');
  assertEquals(pickLanguage([], null), 'en');
  assertEquals(pickLanguage(['de'], 'ko', 'es-MX'), 'es', 'the link asks for Spanish');
  assertEquals(pickLanguage(['de'], 'ko', 'xx'), 'ko', 'a language the pages lack is ignored');
});

test('i18n: a loaded language knows its direction and has English beneath it', async () => {
  const arabic = await loadTranslator('ar');
  assertEquals(arabic.dir, 'rtl');
  assertEquals((await loadTranslator('fr')).dir, 'ltr');
  assertTrue(arabic.t('intro.start') !== 'Start', 'Arabic start button');
  assertEquals(arabic.misses.size, 0);
});
