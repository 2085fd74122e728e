/**
 * 5b. Lighthouse (default mobile config, simulated throttling) on /ja and /en with Debian's
 *     Chromium: performance ≥ 95, accessibility 100, best practices 100. The reference is the
 *     framework's floor: a bare App Router page with one client component (bench/floor-app),
 *     built with the same Next.js and React and measured in the same rounds, alternating; and,
 *     as information, that page rendered per request and that page under our root layout.
 *     Each page is also measured under DevTools throttling (the main thread really slowed 4×,
 *     its tasks observed, not simulated): Lighthouse's default simulation (Lantern) models the
 *     page from its network graph, and gave the floor's own page, built and served by our app,
 *     ~400 ms more blocking time than the floor's build of the same HTML and scripts, where the
 *     observed figure differs by ~40 ms (docs/performance.md). The observed one is what issue #35
 *     item 5 is judged by; the simulated one is what PageSpeed shows, so both are reported.
 */
import tailwindConfig from '../tailwind.config';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser';
import { startFloorApp } from './lib/app-server';
import { median } from './lib/stats';
import { row, type Row } from './lib/table';

interface LighthouseResult {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score: number | null; displayValue?: string; numericValue?: number } | undefined>;
  runtimeError?: unknown;
}

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 } as const;
/** Single runs of one page differ by up to ~8 performance points here: the median of a few rounds. */
const ROUNDS = Number(process.env.BENCH_LIGHTHOUSE_ROUNDS ?? 3);
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3690);
/** Lighthouse's throttling methods: its default simulation, and the main thread observed at 4× CPU. */
const METHODS = ['simulate', 'devtools'] as const;

interface Run {
  scores: Record<string, number>;
  /** Audits that weigh in a category and scored below 0.9, with their values. */
  failing: { id: string; value: string }[];
  lcpMs: number;
  tbtMs: number;
  runtimeError: unknown;
}

function summarize(lhr: LighthouseResult): Run {
  const scores: Record<string, number> = {};
  const failing: Run['failing'] = [];
  for (const id of Object.keys(TARGETS)) {
    scores[id] = Math.round((lhr.categories[id]?.score ?? 0) * 100);
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9)
        failing.push({ id: ref.id, value: audit.displayValue ?? String(audit.score) });
    }
  }
  return {
    scores,
    failing,
    lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN),
    tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN),
    runtimeError: lhr.runtimeError ?? null,
  };
}

/**
 * The first time a freshly started Chromium lays out text it sets up its fonts (fontconfig, the
 * CJK faces): ~55 ms on this machine, once per browser (the app's /ja page laid out in 79 ms in a
 * new browser, 24 ms in a new tab of a used one). A visitor's browser has long done that, but
 * here it fell on whichever page Lighthouse loaded first, /ja: performance 69–98 against /en's
 * 95–100. So the browser first shows a page of its own (not the app) with Japanese and Latin
 * text, regular and bold, in the app's font stack.
 */
async function warmUpFonts(port: number): Promise<void> {
  const stack = (tailwindConfig.theme?.extend?.fontFamily as { sans: string[] }).sans.join(',');
  const html = `<body style='font-family:${stack}'><p lang=ja>日本語の文章、English text.</p><p style='font-weight:700'>太字と bold</p></body>`;
  const target = (await (
    await fetch(`http://127.0.0.1:${port}/json/new?data:text/html;charset=utf-8,${encodeURIComponent(html)}`, {
      method: 'PUT',
    })
  ).json()) as { id: string };
  await new Promise((resolve) => setTimeout(resolve, 500));
  await fetch(`http://127.0.0.1:${port}/json/close/${target.id}`);
}

export async function lighthouseBench(appUrl: string): Promise<{ rows: Row[]; raw: object }> {
  // Loaded by name at run time: the bench still runs (and says so) where it is not installed.
  const names = ['lighthouse', 'chrome-launcher'];
  let lighthouse: (url: string, flags: object) => Promise<{ lhr: LighthouseResult } | undefined>;
  let launch: (options: object) => Promise<{ port: number; kill: () => Promise<void> | void }>;
  try {
    lighthouse = (await import(names[0])).default;
    launch = (await import(names[1])).launch;
  } catch (error) {
    const note = `lighthouse is not installed: ${(error as Error).message.split('\n')[0]}`;
    return {
      rows: [
        row({
          figure: 'Lighthouse',
          unit: '',
          ours: 'not run',
          reference: null,
          ratio: null,
          target: 'perf ≥ 95, a11y 100, bp 100',
          pass: false,
          note,
        }),
      ],
      raw: { note },
    };
  }
  // Beside the floor and the chat, two references that split the difference (information rows):
  // the floor rendered per request, as our pages are (their CSP nonce, the run-time configuration),
  // and a trivial page under our root layout (tools/bench-routes: providers, client messages,
  // stylesheet, theme script, service worker; none of the chat's components).
  const pages = {
    floor: '',
    floorPerRequest: '',
    trivial: `${appUrl}/ja/bench-trivial`,
    ja: `${appUrl}/ja`,
    en: `${appUrl}/en`,
  };
  const runs: Record<keyof typeof pages, Run[]> = { floor: [], floorPerRequest: [], trivial: [], ja: [], en: [] };
  const observed: Record<keyof typeof pages, Run[]> = { floor: [], floorPerRequest: [], trivial: [], ja: [], en: [] };
  const floor = await startFloorApp(FLOOR_PORT);
  pages.floor = `${floor.url}/`;
  pages.floorPerRequest = `${floor.url}/dynamic`;
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS });
  try {
    await warmUpFonts(chrome.port);
    const order = Object.keys(pages) as (keyof typeof pages)[];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated each round, so no page is always the one measured first.
      for (const page of [...order.slice(round % order.length), ...order.slice(0, round % order.length)]) {
        for (const method of METHODS) {
          const result = await lighthouse(pages[page], {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            // The observed run needs only the performance category (its TBT).
            onlyCategories: method === 'simulate' ? Object.keys(TARGETS) : ['performance'],
            locale: 'en-US',
            throttlingMethod: method,
          });
          if (!result?.lhr) throw new Error('Lighthouse returned no result');
          (method === 'simulate' ? runs : observed)[page].push(summarize(result.lhr));
        }
      }
    }
  } finally {
    await chrome.kill();
    await floor.stop();
  }
  const mid = (page: keyof typeof pages, pick: (run: Run) => number, from = runs) => median(from[page].map(pick));
  const tbt = (run: Run) => run.tbtMs;
  const rows: Row[] = [];
  for (const locale of ['ja', 'en'] as const) {
    for (const [id, target] of Object.entries(TARGETS)) {
      const ours = mid(locale, (run) => run.scores[id]);
      // e.g. "total-blocking-time in 3 of 3 (260 ms, 360 ms, 290 ms)"
      const seen = new Map<string, string[]>();
      for (const audit of runs[locale].flatMap((run) => run.failing))
        seen.set(audit.id, [...(seen.get(audit.id) ?? []), audit.value]);
      const failing = [...seen].map(
        ([audit, values]) => `${audit} in ${values.length} of ${ROUNDS} (${values.join(', ')})`,
      );
      rows.push(
        row({
          figure: `Lighthouse ${id} /${locale} (median of ${ROUNDS})`,
          unit: '',
          ours,
          reference: mid('floor', (run) => run.scores[id]),
          ratio: null,
          target: `≥ ${target}`,
          pass: ours >= target,
          ...(id === 'performance' && failing.length
            ? { note: `audits below 0.9: ${failing.slice(0, 6).join(', ')}` }
            : {}),
        }),
      );
    }
    // Issue #35 item 5: within 30 ms of the floor, observed at 4× CPU.
    rows.push(
      row({
        figure: `Lighthouse total blocking time, observed at 4× CPU (DevTools throttling) /${locale} (median of ${ROUNDS})`,
        unit: 'ms',
        ours: mid(locale, tbt, observed),
        reference: mid('floor', tbt, observed),
        target: '≤ floor + 30 ms',
        pass: mid(locale, tbt, observed) <= mid('floor', tbt, observed) + 30,
      }),
    );
    for (const [metric, pick] of [
      ['total blocking time (simulated)', tbt],
      ['largest contentful paint', (run: Run) => run.lcpMs],
    ] as const) {
      rows.push(
        row({
          figure: `Lighthouse ${metric} /${locale} (median of ${ROUNDS})`,
          unit: 'ms',
          ours: mid(locale, pick),
          reference: mid('floor', pick),
          target: 'vs a bare App Router page',
          pass: null,
        }),
      );
    }
  }
  for (const [page, figure] of [
    ['floorPerRequest', 'the floor rendered per request'],
    ['trivial', 'a trivial page under our layout (/ja/bench-trivial)'],
  ] as const)
    for (const [how, from] of [
      ['simulated', runs],
      ['observed at 4× CPU', observed],
    ] as const)
      rows.push(
        row({
          figure: `Lighthouse total blocking time (${how}), ${figure} (median of ${ROUNDS})`,
          unit: 'ms',
          ours: mid(page, tbt, from),
          reference: mid('floor', tbt, from),
          target: 'information: where the difference is',
          pass: null,
        }),
      );
  return { rows, raw: { rounds: ROUNDS, pages, runs, observed } };
}
