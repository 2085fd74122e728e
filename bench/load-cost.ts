/**
 * Main-thread cost of loading the chat page, in Chromium with the CPU throttled 4× (as
 * Lighthouse's mobile profile simulates): script evaluation and all main-thread work (CDP
 * Performance.getMetrics ScriptDuration / TaskDuration) from navigation until the page has made
 * no request for 1 s, and the long tasks meanwhile (PerformanceObserver, registered before the
 * page's own scripts): the longest and their blocking time (the part of each over 50 ms). Nothing
 * engages the page (no pointer, no focus), so what loads on engagement is not counted. Each load
 * in a new browser context (no HTTP or code cache), median of LOAD_RUNS (5).
 *   NEXT_DIST_DIR=.next-h8 npx tsx bench/load-cost.ts   (an existing build, on BENCH_APP_PORT)
 *   LOAD_DIST_DIRS=.next-a,.next-b npx tsx bench/load-cost.ts   (two builds, on BENCH_APP_PORT and
 *   the next port, loads alternating: before and after in the same run)
 *   LOAD_FLOOR=1 adds the framework's floor (bench/floor-app, the page Lighthouse compares with) to
 *   the same alternation, on BENCH_FLOOR_PORT.
 */
import type { Browser } from '@playwright/test';
import { launchBrowser } from './browser';
import { benchConfig, startApp, startFloorApp, startUpstream, type RunningProcess } from './lib/app-server';
import { median } from './lib/stats';

const RUNS = Number(process.env.LOAD_RUNS ?? 5);
const LOCALES = (process.env.LOAD_LOCALES ?? 'ja,en').split(',');
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3690);

interface Sample {
  scriptMs: number;
  taskMs: number;
  longestMs: number;
  blockingMs: number;
}

const OBSERVE_LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
})()`;

async function loadOnce(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LONG_TASKS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    let last = Date.now();
    const seen = () => (last = Date.now());
    page.on('request', seen);
    page.on('requestfinished', seen);
    await page.goto(url, { waitUntil: 'load' });
    while (Date.now() - last < 1000) await page.waitForTimeout(100);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    return {
      scriptMs: metric('ScriptDuration'),
      taskMs: metric('TaskDuration'),
      longestMs: Math.max(0, ...longTasks),
      blockingMs: longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const config = benchConfig();
  const started: RunningProcess[] = [];
  const samples = new Map<string, Sample[]>();
  // Everything started is stopped, whatever fails (a browser that will not launch left the
  // upstream and the apps running, holding their ports for the next run).
  try {
    started.push(await startUpstream(config));
    const apps: string[] = [];
    const distDirs = (process.env.LOAD_DIST_DIRS ?? config.distDir).split(',');
    for (const [index, distDir] of distDirs.entries()) {
      const app = await startApp({ ...config, distDir }, { port: config.appPort + index });
      started.push(app);
      apps.push(app.url);
      console.log(`${distDir}: ${app.url}`);
    }
    // The floor's one page, as a "locale" of its own app: loaded in the same alternation.
    const urls = apps.flatMap((app) => LOCALES.map((locale) => `${app}/${locale}`));
    if (process.env.LOAD_FLOOR === '1') {
      const floor = await startFloorApp(FLOOR_PORT);
      started.push(floor);
      urls.unshift(`${floor.url}/`);
    }
    const browser = await launchBrowser();
    try {
      // One warm-up load per page (the server's first render of each), then alternating.
      for (const url of urls) await loadOnce(browser, url);
      for (let i = 0; i < RUNS; i++)
        for (const url of urls) samples.set(url, [...(samples.get(url) ?? []), await loadOnce(browser, url)]);
    } finally {
      await browser.close();
    }
  } finally {
    for (const process of started.reverse()) await process.stop();
  }
  const ms = (values: number[]) => `${median(values).toFixed(0)} (${values.map((v) => v.toFixed(0)).join(', ')})`;
  for (const [key, runs] of samples) {
    console.log(
      `${key}: script ${ms(runs.map((r) => r.scriptMs))} ms; main thread ${ms(runs.map((r) => r.taskMs))} ms; ` +
        `longest task ${ms(runs.map((r) => r.longestMs))} ms; blocking ${ms(runs.map((r) => r.blockingMs))} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
