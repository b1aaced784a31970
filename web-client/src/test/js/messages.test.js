// @ts-check
import { describeMediaError, describeServerError, retryWithoutMicrophone } from '/js/messages.js';
import { assertEquals, assertTrue, test } from './harness.js';

test('messages: an insecure page is explained before anything else', () => {
  assertTrue(describeMediaError('NotAllowedError', false).includes('https://'), 'mentions https');
});

test('messages: a refused permission says how to allow it', () => {
  assertTrue(describeMediaError('NotAllowedError', true).includes('Allow the camera'), 'explains the setting');
});

test('messages: only a missing or busy microphone is retried without it', () => {
  assertEquals(retryWithoutMicrophone('NotFoundError'), true);
  assertEquals(retryWithoutMicrophone('NotReadableError'), true);
  assertEquals(retryWithoutMicrophone('NotAllowedError'), false);
});

test('messages: server errors keep their code for support', () => {
  assertEquals(describeServerError({ code: 'invite_used', message: 'Used link' }), 'Used link (invite_used)');
  assertTrue(describeServerError({ code: 'timeout' }).includes('did not answer'), 'timeout text');
});
