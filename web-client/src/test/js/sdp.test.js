// @ts-check
import { answerDirection, findSection, parseMediaSections } from '/js/sdp.js';
import { assertEquals, test } from './harness.js';

const RELAY_OFFER = [
  'v=0', 'o=- 42 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'a=ice-lite', 'a=group:BUNDLE 0 1 2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=recvonly', 'a=rtcp-mux',
  'm=video 9 UDP/TLS/RTP/SAVPF 96', 'c=IN IP4 0.0.0.0', 'a=mid:1', 'a=recvonly',
  'm=video 9 UDP/TLS/RTP/SAVPF 96', 'c=IN IP4 0.0.0.0', 'a=mid:2', 'a=sendonly',
  'm=audio 0 UDP/TLS/RTP/SAVPF 111', 'a=mid:3', 'a=inactive', '',
].join('\r\n');

test('sdp: reads kind, mid, direction and port of every m-line', () => {
  assertEquals(parseMediaSections(RELAY_OFFER), [
    { kind: 'audio', mid: '0', direction: 'recvonly', port: 9 },
    { kind: 'video', mid: '1', direction: 'recvonly', port: 9 },
    { kind: 'video', mid: '2', direction: 'sendonly', port: 9 },
    { kind: 'audio', mid: '3', direction: 'inactive', port: 0 },
  ]);
});

test('sdp: a section without a direction inherits the session-level one', () => {
  const sdp = 'v=0\na=sendonly\nm=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:v\n';
  assertEquals(findSection(sdp, 'v')?.direction, 'sendonly');
});

test('sdp: unknown mid is not found', () => {
  assertEquals(findSection(RELAY_OFFER, 'nope'), undefined);
});

test('sdp: answer directions', () => {
  assertEquals(answerDirection('recvonly', true), 'sendonly', 'uplink with a track');
  assertEquals(answerDirection('recvonly', false), 'inactive', 'uplink without a track');
  assertEquals(answerDirection('sendonly', false), 'recvonly', 'downlink');
  assertEquals(answerDirection('sendonly', true), 'recvonly', 'cannot send where the relay does not receive');
  assertEquals(answerDirection('sendrecv', true), 'sendrecv', 'both ways with a track');
  assertEquals(answerDirection('sendrecv', false), 'recvonly', 'both ways without a track');
  assertEquals(answerDirection('inactive', true), 'inactive', 'inactive stays inactive');
});
