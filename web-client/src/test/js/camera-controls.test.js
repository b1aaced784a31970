// @ts-check
import { cameraFeatures, otherFacing } from '/js/camera-controls.js';
import { assertEquals, test } from './harness.js';

test('camera: torch and zoom are offered only where the camera reports them', () => {
  assertEquals(cameraFeatures(undefined, {}), { torch: false, zoom: null });
  assertEquals(cameraFeatures({ width: { min: 1, max: 1920 } }, {}), { torch: false, zoom: null });
  assertEquals(cameraFeatures({ torch: true, zoom: { min: 1, max: 8, step: 0.1 } }, { zoom: 2 }),
    { torch: true, zoom: { min: 1, max: 8, step: 0.1, value: 2 } });
  assertEquals(cameraFeatures({ torch: [false, true], zoom: { min: 1, max: 1 } }, {}).zoom, null, 'no range, no zoom');
});

test('camera: switching goes between the rear and the front camera', () => {
  assertEquals(otherFacing('environment'), 'user');
  assertEquals(otherFacing('user'), 'environment');
  assertEquals(otherFacing(undefined), 'user');
});
