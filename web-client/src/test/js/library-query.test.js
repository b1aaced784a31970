// @ts-check
import { filtersFrom, outcomeLabel, parseTags, queryString, searchPath } from '/js/library-query.js';
import { assertEquals, test } from './harness.js';

test('library: typed tags are cleaned like the server stores them', () => {
  assertEquals(parseTags(' Leak, o-ring ,leak,,  E12   error '), ['leak', 'o-ring', 'e12 error']);
  assertEquals(parseTags(''), []);
});

test('library: the search asks for the set filters only, tags cleaned', () => {
  assertEquals(searchPath({}), '/api/recordings?limit=100');
  assertEquals(searchPath({ tags: 'Seal, leak', outcome: 'return', product: '', q: ' boiler ' }),
    '/api/recordings?q=boiler&tags=seal%2Cleak&outcome=return&limit=100');
});

test('library: the address keeps the filters and gives them back', () => {
  const filters = { product: 'X200', tags: 'leak', agent: 'ana', from: '2026-11-01', to: '2026-11-22' };
  const search = queryString(filters);
  assertEquals(search, '?product=X200&tags=leak&agent=ana&from=2026-11-01&to=2026-11-22');
  assertEquals(filtersFrom(search), filters);
  assertEquals(filtersFrom('?tags=%20&unknown=1'), {});
});

test('library: outcomes in words', () => {
  assertEquals(outcomeLabel('resolved_remotely'), 'Resolved remotely');
  assertEquals(outcomeLabel(null), 'No outcome');
  assertEquals(outcomeLabel('other'), 'other');
});
