import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { copyDestination, runtimeStage } from '../../tools/deploy/dockerfile';
import { lastReply, UPSTREAM, uniqueTag } from '../support';
import { freePort, startApp, stopApp, type AppProcess } from './app-process';

/**
 * What the container image runs, without Docker (CI cannot pull base images): a folder laid out
 * by the Dockerfile's final-stage COPY lines from this checkout's build (the build stage's /app;
 * `npm test` made the build once, standalone folder included), started with the image's ENV and
 * CMD. A COPY the image lacks, or a file the standalone trace missed, fails here.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = process.env.NEXT_DIST_DIR || '.next';
const BUILD_ROOT = '/app';
const stage = runtimeStage(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const inDist = (file: string) => file.replace(/^\.next(?=\/|$)/, DIST);

function layOutImage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'swallow-image-'));
  for (const copy of stage.copies) {
    expect(copy.from, `COPY ${copy.source}: from the build stage`).toBe('build');
    const source = path.join(ROOT, inDist(path.posix.relative(BUILD_ROOT, copy.source)));
    const dest = copyDestination(copy, stage.workdir, statSync(source).isDirectory());
    cpSync(source, path.join(dir, inDist(path.posix.relative(stage.workdir, dest))), { recursive: true });
  }
  return dir;
}

let dir: string | undefined;
let app: AppProcess | undefined;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  dir = layOutImage();
  const [command, ...args] = stage.cmd;
  expect(command).toBe('node');
  const port = await freePort();
  app = await startApp(
    // The image listens on every interface on port 3000; the test on loopback, on a free port.
    { ...stage.env, HOSTNAME: '127.0.0.1', PORT: String(port), SWALLOW_BASE_URL: `${UPSTREAM}/v1` },
    { cwd: dir, port, args: () => args },
  );
  // The first page a fresh server renders loads its modules (seconds on a loaded machine).
  expect((await fetch(`${app.url}/ja`)).status).toBe(200);
});
test.afterAll(() => {
  stopApp(app);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the image serves the Japanese page with its styles and scripts, and a chat streams', async ({ page }) => {
  test.setTimeout(60_000);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const response = await page.goto(`${app!.url}/ja`);
  expect(response!.headers()['x-powered-by']).toBeUndefined(); // the build's config, not defaults
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // Styles: Tailwind's reset is applied (a browser's own body margin is 8px).
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  // Scripts: the send button reacts to typing only once React has hydrated the page.
  await page.getByTestId('composer').fill('.');
  await expect(page.getByTestId('send')).toBeEnabled();

  const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.src).filter(Boolean));
  expect(scripts.some((src) => src.includes('/_next/static/'))).toBe(true);
  const chunk = await page.request.get(scripts.find((src) => src.includes('/_next/static/'))!);
  expect(chunk.status()).toBe(200);
  expect(chunk.headers()['cache-control']).toContain('immutable');
  expect((await page.request.get(`${app!.url}/.well-known/security.txt`)).status()).toBe(200); // public/

  const tag = uniqueTag();
  await page.getByTestId('composer').fill(`こんにちは ${tag}`);
  await page.getByTestId('send').click();
  await expect(lastReply(page)).toContainText(`了解しました。「こんにちは ${tag}」についてお答えします。`);
  await expect(page.getByTestId('send')).toBeVisible();
  await app!.printed(/"outcome":"ok"/);
  expect(failed).toEqual([]);
});

test('health answers, and SIGTERM ends the server with exit code 0', async () => {
  const health = await fetch(`${app!.url}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  expect((await fetch(`${app!.url}/api/health?ready=1`)).status).toBe(200);

  app!.child.kill('SIGTERM');
  expect(await app!.exited).toBe(0);
  expect(app!.output()).toMatch(/SIGTERM: finishing 0 streaming replies/);
  expect(app!.output()).not.toMatch(/next start" does not work/);
});
