import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  MAX_SHOT_BYTES,
  SHOT_DEVICES,
  SHOT_LOCALES,
  SHOT_THEMES,
  captureScreenshots,
} from '../scripts/screenshots/capture';

// `npm run screenshots` in CI, against the running test app, so the script cannot rot: every
// image is made, is a PNG of its viewport's size, and stays under 200 KB.
test('the README screenshot script makes its eight images, each a PNG under 200 KB', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.slow(); // two conversations and eight full-page captures
  const shots = await captureScreenshots({ browser, baseURL: baseURL!, outDir: testInfo.outputPath('screenshots') });
  expect(shots).toHaveLength(SHOT_LOCALES.length * SHOT_THEMES.length * Object.keys(SHOT_DEVICES).length);
  for (const shot of shots) {
    const bytes = await readFile(shot.file);
    expect(bytes.subarray(1, 4).toString('latin1'), shot.file).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }, shot.file).toEqual(
      SHOT_DEVICES[shot.device],
    );
    expect(bytes.length, shot.file).toBeLessThanOrEqual(MAX_SHOT_BYTES);
    expect(bytes.length, `${shot.file} is suspiciously small (a blank page?)`).toBeGreaterThan(15 * 1024);
  }
});
