import { expect, test } from '@playwright/test';
import { FIRST_LOAD_JS_BUDGET_BYTES, firstLoadJs } from '../tools/deploy/first-load-js';

for (const locale of ['ja', 'en']) {
  test(`/${locale} makes a visitor download at most 200 KB of JavaScript (gzip) before they do anything`, async ({
    baseURL,
  }) => {
    const { scripts, gzipBytes } = await firstLoadJs(`${baseURL}/${locale}`, locale);
    expect(scripts.length).toBeGreaterThan(3);
    expect(gzipBytes, `${(gzipBytes / 1024).toFixed(1)} KB in ${scripts.length} scripts`).toBeLessThanOrEqual(
      FIRST_LOAD_JS_BUDGET_BYTES,
    );
  });
}
