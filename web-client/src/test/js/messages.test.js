// @ts-check
import { describeServerError, mediaErrorKey, retryWithoutMicrophone } from '/js/messages.js';
import { assertEquals, assertTrue, test } from './harness.js';

test('messages: an insecure page is explained before anything else', () => {
  assertEquals(mediaErrorKey('NotAllowedError', false), 'media.insecure');
});

test('messages: each camera failure has its own text', () => {
  assertEquals(mediaErrorKey('NotAllowedError', true), 'media.blocked');
  assertEquals(mediaErrorKey('NotFoundError', true), 'media.noCamera');
  assertEquals(mediaErrorKey('NotReadableError', true), 'media.busy');
  assertEquals(mediaErrorKey('TypeError', true), 'media.unsupported');
  assertEquals(mediaErrorKey('WeirdError', true), 'media.failed');
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
