/**
 * npm run screenshots: the README's screenshots (docs/screenshots/), from the built app.
 *
 * Builds nothing: run `npm run build:vercel` (or `npm run build`) first. Starts the fake upstream
 * and `node server.ts` as playwright.config.ts does (own ports: SCREENSHOTS_APP_PORT, default
 * 3190, and SCREENSHOTS_UPSTREAM_PORT, default 4090), or uses a running app at
 * SCREENSHOTS_BASE_URL (it must talk to the fake upstream). Fails when an image is over 200 KB.
 *
 *   npm run screenshots [-- <out dir>]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { chromium } from '@playwright/test';
import { MAX_SHOT_BYTES, captureScreenshots } from './screenshots/capture';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const outDir = process.argv[2] ?? 'docs/screenshots';
const appPort = Number(process.env.SCREENSHOTS_APP_PORT ?? 3190);
const upstreamPort = Number(process.env.SCREENSHOTS_UPSTREAM_PORT ?? 4090);

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

const children: ChildProcess[] = [];
let baseURL = process.env.SCREENSHOTS_BASE_URL;
try {
  if (!baseURL) {
    if (!existsSync('.next/BUILD_ID') && !process.env.NEXT_DIST_DIR) {
      throw new Error('No build found: run `npm run build:vercel` (or `npm run build`) first.');
    }
    const upstream = start(['e2e/fake-upstream.mjs'], { FAKE_UPSTREAM_PORT: String(upstreamPort) });
    children.push(upstream);
    await waitFor(`http://127.0.0.1:${upstreamPort}/health`, upstream);
    const app = start(['server.ts', '-H', '127.0.0.1', '-p', String(appPort)], {
      NEXT_TELEMETRY_DISABLED: '1',
      NVIDIA_API_KEY: '',
      SWALLOW_API_KEY: '',
      ACCESS_CODE: '',
      REDIS_URL: '',
      SWALLOW_BASE_URL: `http://127.0.0.1:${upstreamPort}/v1`,
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_CONCURRENT: '0',
    });
    children.push(app);
    baseURL = `http://127.0.0.1:${appPort}`;
    await waitFor(`${baseURL}/api/health`, app);
  }
  const browser = await chromium.launch(
    existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] } : {},
  );
  try {
    const shots = await captureScreenshots({ browser, baseURL, outDir });
    for (const shot of shots) {
      const kb = (shot.bytes / 1024).toFixed(1);
      console.log(
        `${relative(process.cwd(), shot.file)}  ${kb} KB${shot.bytes > MAX_SHOT_BYTES ? '  OVER 200 KB' : ''}`,
      );
    }
    if (shots.some((shot) => shot.bytes > MAX_SHOT_BYTES)) process.exitCode = 1;
  } finally {
    await browser.close();
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
}
