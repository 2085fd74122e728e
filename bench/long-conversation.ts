/**
 * A long conversation in the browser (issue #35 items 1 to 4): 500 messages, 250 Japanese
 * answers of ~510 characters (128,000 in all) cut from real text at paragraph ends — the model
 * card sample (tables, lists, English and Japanese), the showcase answer (code, lists) and the
 * long-message document (headings, links, tables, code) — plus a formula in every tenth answer.
 * Rows, each a median of BENCH_LONG_RUNS (3), each in a fresh Chromium context at 1280 × 800:
 *   - open: main-thread time from a click on it in the history list until the page is idle,
 *     the pointer having come to the item first (a visitor's first pointer move loads the message
 *     list and the Markdown renderer: lib/client/browser/engagement.ts); floor: the same
 *     conversation's HTML with every reply as Markdown (taken from the app, as for a print) set
 *     as innerHTML on the same page, what showing it at all costs the browser; and, for
 *     information, the same open when the click is the page's first engagement (that loading in
 *     the measure too);
 *   - type: main-thread time of each of 30 keystrokes in the composer (from the key until two
 *     frames later), median and 95th percentile, with the conversation open and in an empty chat
 *     in the same run;
 *   - stream: a 4k-token Markdown reply (the browser section's md-4k, ~1,000 tokens/s) sent at
 *     the end of the open conversation and in an empty chat, each page as the browser section
 *     has it (composer focused, what it loads loaded, heap collected): main-thread time per
 *     token from Enter until the reply is done and the page idle, and the longest task (a
 *     PerformanceObserver, wall time: on a shared machine other processes can stretch a task);
 *     the server side is pinned to CPU 0 meanwhile when given (as in the browser section);
 *   - memory: in one page, the conversation opened and left for a new chat ten times; the JS
 *     heap after a forced GC (HeapProfiler.collectGarbage, Performance JSHeapUsedSize) with it
 *     open, the tenth opening against the first (DOM nodes and the heap after leaving in the note).
 * A section of `npm run bench` (`BENCH_ONLY=conversation`); on its own, on an existing build
 * (the app on BENCH_APP_PORT, the fake upstream on BENCH_UPSTREAM_PORT):
 * npx tsx bench/long-conversation.ts
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { ANSWERS, longConversation } from '../e2e/fixtures/long-conversation';
import { launchBrowser, send, waitForNoRequests } from './browser';
import { benchConfig, startApp, startUpstream, type RunningProcess } from './lib/app-server';
import { conversationDone, idle, measure, openChatPage, taskMs, withPage } from './lib/main-thread';
import { ALL_CPUS, pinToCpus } from './lib/proc';
import { median } from './lib/stats';
import { formatTable, row, type Row } from './lib/table';

const RUNS = Number(process.env.BENCH_LONG_RUNS ?? 3);
const KEYSTROKES = 30;
/** The Markdown reply streamed at the end (e2e/fake-upstream/bench-scenarios.mjs), as in the browser section. */
const STREAM_SCENARIO = 'md-4k';
const STREAM_TOKENS = 4000;
const OPENINGS = 10;
/** "The same per-chunk cost": within 10 % of the empty chat's, about the rounds' spread. */
const STREAM_SAME = 1.1;

/** Imports the conversation into this page's history (outside any measure); its list item. */
async function importLong(page: Page) {
  const id = `long${Date.now().toString(36)}`;
  const title = `bench ${id}`;
  await page.getByTestId('history-import-file').setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longConversation(id, title)),
  });
  const item = page.getByTestId('conversation-item').filter({ hasText: title });
  await item.waitFor();
  return item;
}

async function openConversation(page: Page, item: Locator): Promise<void> {
  await item.getByRole('link').click();
  await lastReplyShown(page);
}

const lastReplyShown = (page: Page) =>
  page
    .getByTestId('message-assistant')
    .nth(ANSWERS - 1)
    .waitFor();

/** Main-thread ms of each keystroke in the composer, until two frames after it. */
async function keystrokes(page: Page, cdp: CDPSession): Promise<number[]> {
  const composer = page.getByTestId('composer');
  await composer.click();
  await idle(page, cdp);
  const costs: number[] = [];
  for (const key of 'こんにちは、長い会話でも速く打てますか？ abcdefghijklmn'.slice(0, KEYSTROKES)) {
    const before = await taskMs(cdp);
    await page.keyboard.insertText(key);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
    );
    costs.push((await taskMs(cdp)) - before);
  }
  return costs;
}

interface StreamSample {
  taskMs: number;
  perTokenMs: number;
  longestMs: number;
}

/**
 * Streams the Markdown reply after the page's `replies` replies, as browser.ts does: the
 * composer focused and what it loads on engagement loaded, a collected heap, then main-thread
 * time and longest task from Enter until the reply is done and the page idle. The wait polls
 * only the list's last item (querying every message, or reading their text, costs the page itself).
 */
async function streamReply(page: Page, cdp: CDPSession, replies: number): Promise<StreamSample> {
  await page.getByTestId('composer').focus();
  await waitForNoRequests(page, 500);
  await page.waitForFunction(() => true);
  await cdp.send('HeapProfiler.collectGarbage');
  const sample = await measure(page, cdp, async () => {
    await send(page, `[[scenario:${STREAM_SCENARIO}]] conversation ${Date.now()}`);
    await page.waitForFunction(conversationDone, 2 * (replies + 1), { timeout: 90_000, polling: 200 });
  });
  return { ...sample, perTokenMs: sample.taskMs / STREAM_TOKENS, longestMs: sample.longestMs };
}

interface HeapSample {
  heapMb: number;
  nodes: number;
  listeners: number;
}

/** JS heap (MB), DOM nodes and event listeners of the page after a forced garbage collection. */
async function heapAfterGc(cdp: CDPSession): Promise<HeapSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    heapMb: metric('JSHeapUsedSize') / 1024 ** 2,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  };
}

/** Opens the conversation and leaves it for a new chat OPENINGS times in one page: the heap with it open, each time. */
async function openings(
  page: Page,
  cdp: CDPSession,
  item: Locator,
): Promise<{ open: HeapSample[]; left: HeapSample[] }> {
  const open: HeapSample[] = [];
  const left: HeapSample[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    await item.getByRole('link').click();
    await lastReplyShown(page);
    await idle(page, cdp);
    open.push(await heapAfterGc(cdp));
    await page.getByTestId('new-chat').click();
    await page.getByTestId('message-assistant').first().waitFor({ state: 'detached' });
    await idle(page, cdp);
    left.push(await heapAfterGc(cdp));
  }
  return { open, left };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1];

interface Round {
  openMs: number;
  coldOpenMs: number;
  floorMs: number;
  typeLong: number[];
  typeEmpty: number[];
  streamLong: StreamSample;
  streamEmpty: StreamSample;
  heap: { open: HeapSample[]; left: HeapSample[] };
}

/** The pids of everything but the browser (app, fake upstream, the bench), for pinToCpus. */
export type ServerSide = () => number[];

/**
 * While a reply streams, the server side is kept on CPU 0, as in the browser section: at 1,000
 * tokens/s it takes most of a CPU, and the page's main thread was otherwise descheduled mid-task.
 */
async function pinned<T>(serverSide: ServerSide | undefined, run: () => Promise<T>): Promise<T> {
  const done = serverSide ? pinToCpus(serverSide(), '0') : false;
  try {
    return await run();
  } finally {
    if (done && serverSide) pinToCpus(serverSide(), ALL_CPUS);
  }
}

async function round(browser: Browser, app: string, serverSide?: ServerSide): Promise<Round> {
  let html = '';
  const opened = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    const item = await importLong(page);
    await item.hover();
    const open = await measure(page, cdp, () => openConversation(page, item));
    const typeLong = await keystrokes(page, cdp);
    // The floor's HTML: every reply as Markdown (as for a print; far ones otherwise wait to come near).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.locator('[data-markdown="pending"]').first().waitFor({ state: 'detached' });
    html = await page.locator('[data-export="conversation"] > [role="list"]').evaluate((list) => list.outerHTML);
    return { openMs: open.taskMs, typeLong };
  });
  const coldOpen = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    const item = await importLong(page);
    return measure(page, cdp, () => openConversation(page, item));
  });
  const floor = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    return measure(page, cdp, async () => {
      await page.evaluate((markup) => {
        const holder = document.createElement('div');
        holder.className = 'mx-auto max-w-3xl px-4 py-6';
        holder.innerHTML = markup;
        (document.querySelector('[data-scroll-container]') ?? document.body).prepend(holder);
      }, html);
    });
  });
  const typeEmpty = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    return keystrokes(page, cdp);
  });
  const streamLong = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    const item = await importLong(page);
    await item.getByRole('link').click();
    await lastReplyShown(page);
    return pinned(serverSide, () => streamReply(page, cdp, ANSWERS));
  });
  const streamEmpty = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    return pinned(serverSide, () => streamReply(page, cdp, 0));
  });
  const heap = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    return openings(page, cdp, await importLong(page));
  });
  return { ...opened, coldOpenMs: coldOpen.taskMs, floorMs: floor.taskMs, typeEmpty, streamLong, streamEmpty, heap };
}

async function measureAll(app: string, runs: number, serverSide?: ServerSide): Promise<Round[]> {
  const browser = await launchBrowser();
  try {
    await round(browser, app, serverSide); // warm-up: the server's first renders, the browser's caches
    const rounds: Round[] = [];
    for (let run = 0; run < runs; run++) rounds.push(await round(browser, app, serverSide));
    return rounds;
  } finally {
    await browser.close();
  }
}

/**
 * The bench section `conversation` (bench/run.ts): opening the 500-message conversation against
 * 1.5× its static HTML, and a keystroke with it open against the empty chat's (median, p95).
 */
export async function longConversationBench(
  app: string,
  runs = RUNS,
  serverSide?: ServerSide,
): Promise<{ rows: Row[]; raw: object }> {
  const rounds = await measureAll(app, runs, serverSide);
  const open = median(rounds.map((r) => r.openMs));
  const floor = median(rounds.map((r) => r.floorMs));
  const typing = (pick: (r: Round) => number[], p: number) => median(rounds.map((r) => percentile(pick(r), p)));
  const rows: Row[] = [
    row({
      figure: 'open a 500-message conversation, main thread',
      unit: 'ms',
      ours: open,
      reference: floor,
      target: '≤ 1.5× its static HTML',
      pass: open <= 1.5 * floor,
    }),
    row({
      figure: 'the same, the click being the first engagement (list and renderer load in it)',
      unit: 'ms',
      ours: median(rounds.map((r) => r.coldOpenMs)),
      reference: floor,
      target: 'information',
      pass: null,
    }),
  ];
  for (const [name, p] of [
    ['median', 0.5],
    ['p95', 0.95],
  ] as const) {
    const long = typing((r) => r.typeLong, p);
    const empty = typing((r) => r.typeEmpty, p);
    rows.push(
      row({
        figure: `keystroke in a 500-message conversation, ${name}, main thread`,
        unit: 'ms',
        ours: long,
        reference: empty,
        target: '≤ empty chat + 2 ms',
        pass: long <= empty + 2,
      }),
    );
  }
  const stream = (pick: (r: Round) => number) => median(rounds.map(pick));
  const perTokenLong = stream((r) => r.streamLong.perTokenMs);
  const perTokenEmpty = stream((r) => r.streamEmpty.perTokenMs);
  const longestLong = stream((r) => r.streamLong.longestMs);
  const longestEmpty = stream((r) => r.streamEmpty.longestMs);
  rows.push(
    row({
      figure: `main thread per token, ${STREAM_TOKENS / 1000}k-token Markdown reply at the end of a 500-message conversation`,
      unit: 'ms',
      ours: perTokenLong,
      reference: perTokenEmpty,
      target: `≤ ${STREAM_SAME}× the empty chat's`,
      pass: perTokenLong <= STREAM_SAME * perTokenEmpty,
      note: `total ${stream((r) => r.streamLong.taskMs).toFixed(0)} ms vs ${stream((r) => r.streamEmpty.taskMs).toFixed(0)} ms in an empty chat`,
    }),
    row({
      figure: `longest task while it streams at the end of a 500-message conversation`,
      unit: 'ms',
      ours: longestLong,
      reference: longestEmpty,
      target: '≤ 50 ms',
      pass: longestLong <= 50,
      note: `reference: the same reply in an empty chat; ${serverSide ? 'server side pinned to CPU 0 while it streams' : 'server side not pinned'}`,
    }),
  );
  const heapFirst = median(rounds.map((r) => r.heap.open[0].heapMb));
  const heapLast = median(rounds.map((r) => r.heap.open.at(-1)!.heapMb));
  const heapRatio = median(rounds.map((r) => r.heap.open.at(-1)!.heapMb / r.heap.open[0].heapMb));
  const [firstNodes, lastNodes] = [0, OPENINGS - 1].map((i) => median(rounds.map((r) => r.heap.open[i].nodes)));
  rows.push(
    row({
      figure: `JS heap with a 500-message conversation open, ${OPENINGS}th vs 1st opening in one page (after GC)`,
      unit: 'MB',
      ours: heapLast,
      reference: heapFirst,
      ratio: heapRatio,
      target: '≤ 1.1× the first opening',
      pass: heapRatio <= 1.1,
      note: `DOM nodes ${firstNodes} → ${lastNodes}; after leaving for a new chat: ${median(rounds.map((r) => r.heap.left[0].heapMb)).toFixed(1)} → ${median(rounds.map((r) => r.heap.left.at(-1)!.heapMb)).toFixed(1)} MB`,
    }),
  );
  return { rows, raw: { rounds } };
}

async function main() {
  const config = benchConfig();
  const started: RunningProcess[] = [await startUpstream(config)];
  const app = await startApp(config);
  started.push(app);
  try {
    const { rows, raw } = await longConversationBench(app.url, RUNS, () => [
      ...app.pids(),
      ...started[0].pids(),
      process.pid,
    ]);
    console.log(formatTable(rows));
    for (const r of rows.filter((r) => r.note)) console.log(`- ${r.figure}: ${r.note}`);
    if (process.env.BENCH_RAW) writeFileSync(process.env.BENCH_RAW, JSON.stringify(raw, null, 2));
  } finally {
    for (const process of started.reverse()) await process.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
