// @ts-check
import { customerLink, inviteTokenFromLocation } from '/js/invite.js';
import { assertEquals, test } from './harness.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJhYmMifQ.x_Y-z0';

test('invite: token from /s/{token}', () => {
  assertEquals(inviteTokenFromLocation({ pathname: `/s/${TOKEN}` }), TOKEN);
  assertEquals(inviteTokenFromLocation({ pathname: `/help/s/${TOKEN}/` }), TOKEN);
});

test('invite: no or malformed token gives null', () => {
  assertEquals(inviteTokenFromLocation({ pathname: '/customer.html' }), null);
  assertEquals(inviteTokenFromLocation({ pathname: '/s/%3Cscript%3E' }), null);
  assertEquals(inviteTokenFromLocation({ pathname: '/s/%E0%A4%A' }), null);
  assertEquals(inviteTokenFromLocation({ pathname: `/s/${'a'.repeat(4097)}` }), null);
});

test('invite: relative server link resolves against the agent page', () => {
  assertEquals(customerLink(`/s/${TOKEN}`, 'https://192.168.1.5:8443/agent.html'), `https://192.168.1.5:8443/s/${TOKEN}`);
  assertEquals(customerLink(`https://support.example/s/${TOKEN}`, 'http://localhost:8080/agent.html'), `https://support.example/s/${TOKEN}`);
});
