// @ts-check
import { customerLink, joinCodeFromLocation } from '/js/invite.js';
import { assertEquals, test } from './harness.js';

test('invite: code from /s/{code}', () => {
  assertEquals(joinCodeFromLocation({ pathname: '/s/K7Q2-9XPA', search: '' }), 'K7Q2-9XPA');
  assertEquals(joinCodeFromLocation({ pathname: '/s/AB12/', search: '' }), 'AB12');
});

test('invite: code from ?code= when the path has none', () => {
  assertEquals(joinCodeFromLocation({ pathname: '/customer.html', search: '?code=XY99' }), 'XY99');
});

test('invite: no or malformed code gives null', () => {
  assertEquals(joinCodeFromLocation({ pathname: '/customer.html', search: '' }), null);
  assertEquals(joinCodeFromLocation({ pathname: '/s/%3Cscript%3E', search: '' }), null);
});

test('invite: relative server link resolves against the agent page', () => {
  assertEquals(customerLink('/s/AB12', 'AB12', 'https://192.168.1.5:8443/agent.html'), 'https://192.168.1.5:8443/s/AB12');
  assertEquals(customerLink(undefined, 'AB12', 'http://localhost:8080/agent.html'), 'http://localhost:8080/s/AB12');
  assertEquals(customerLink('https://support.example/s/AB12', 'AB12', 'http://localhost:8080/agent.html'), 'https://support.example/s/AB12');
});
