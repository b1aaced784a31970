// @ts-check
import { clampToPicture, fromPicture, onPicture, pictureRect, toPicture } from '/js/annotation/geometry.js';
import { assertEquals, test } from './harness.js';

test('geometry: contain letterboxes a 16:9 picture in a square element', () => {
  assertEquals(pictureRect(400, 400, 1280, 720, 'contain'), { x: 0, y: 87.5, width: 400, height: 225 });
});

test('geometry: contain pillarboxes a portrait picture in a wide element', () => {
  assertEquals(pictureRect(800, 450, 720, 1280, 'contain'), { x: 273.4375, y: 0, width: 253.125, height: 450 });
});

test('geometry: cover crops, the picture reaching past the element', () => {
  assertEquals(pictureRect(400, 400, 1280, 720, 'cover'), { x: -155.55555555555554, y: 0, width: 711.1111111111111, height: 400 });
});

test('geometry: fill and an unknown video size use the whole element', () => {
  assertEquals(pictureRect(300, 200, 640, 480, 'fill'), { x: 0, y: 0, width: 300, height: 200 });
  assertEquals(pictureRect(300, 200, 0, 0), { x: 0, y: 0, width: 300, height: 200 });
});

test('geometry: a point on the picture maps to the same normalised point whatever the element', () => {
  const small = pictureRect(360, 640, 1280, 720, 'contain');
  const large = pictureRect(1600, 900, 1280, 720, 'contain');
  const onSmall = fromPicture(0.25, 0.75, small);
  const onLarge = fromPicture(0.25, 0.75, large);
  const back1 = toPicture(onSmall.x, onSmall.y, small);
  const back2 = toPicture(onLarge.x, onLarge.y, large);
  assertEquals(clampToPicture(back1), [0.25, 0.75]);
  assertEquals(clampToPicture(back2), [0.25, 0.75]);
  assertEquals(onLarge, { x: 400, y: 675 });
});

test('geometry: a point on a letterbox bar is off the picture', () => {
  const rect = pictureRect(400, 400, 1280, 720, 'contain');
  assertEquals(onPicture(toPicture(200, 40, rect)), false);
  assertEquals(onPicture(toPicture(200, 200, rect)), true);
  assertEquals(clampToPicture(toPicture(200, 40, rect)), [0.5, 0]);
});
