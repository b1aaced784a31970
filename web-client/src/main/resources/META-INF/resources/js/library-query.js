// @ts-check
/**
 * The training library's filters without the DOM: which filters there are, how they become the
 * search request (`GET /api/recordings`) and the page's own address (so a link or the back button
 * from the player restores a search), how typed tags are cleaned the way the server stores them,
 * and the words for outcomes.
 * @module library-query
 */

/** The filters, in the order of the filter bar; each is also a query parameter of the search. */
export const FILTERS = /** @type {const} */ (['q', 'product', 'category', 'tags', 'outcome', 'agent', 'language',
  'from', 'to']);

/** Results asked for at once. */
export const PAGE_SIZE = 100;

const OUTCOMES = /** @type {Record<string, string>} */ ({
  resolved_remotely: 'Resolved remotely',
  replacement: 'Replacement',
  return: 'Return',
  escalated: 'Escalated',
});

/**
 * Tags as typed ("Leak, o-ring ,leak") as the server keeps them: trimmed, lower case, inner spaces
 * collapsed, no duplicates, no empty ones.
 * @param {string} text
 * @returns {string[]}
 */
export function parseTags(text) {
  const tags = text.split(',').map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter((t) => t !== '');
  return [...new Set(tags)];
}

/**
 * The filters that are set, from a query string (the page's address).
 * @param {string} search e.g. `?tags=leak&outcome=return`
 * @returns {Record<string, string>}
 */
export function filtersFrom(search) {
  const params = new URLSearchParams(search);
  /** @type {Record<string, string>} */
  const filters = {};
  for (const name of FILTERS) {
    const value = (params.get(name) ?? '').trim();
    if (value !== '') {
      filters[name] = name === 'tags' ? parseTags(value).join(',') : value;
    }
  }
  return filters;
}

/**
 * The query string of these filters (empty ones left out), for the page's address.
 * @param {Record<string, string>} filters
 * @returns {string} `?…`, or '' when nothing filters
 */
export function queryString(filters) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = (filters[name] ?? '').trim();
    if (value !== '') {
      params.set(name, name === 'tags' ? parseTags(value).join(',') : value);
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The search request for these filters.
 * @param {Record<string, string>} filters
 * @returns {string}
 */
export function searchPath(filters) {
  const query = queryString(filters);
  return `/api/recordings${query === '' ? '?' : `${query}&`}limit=${PAGE_SIZE}`;
}

/**
 * Words for an outcome code; unknown codes as they are, none as "No outcome".
 * @param {string | null | undefined} outcome
 */
export function outcomeLabel(outcome) {
  if (!outcome) {
    return 'No outcome';
  }
  return OUTCOMES[outcome] ?? outcome;
}
