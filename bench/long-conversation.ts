/**
 * A long conversation in the browser (issue #35 items 1 and 2): 500 messages, 250 Japanese
 * answers of ~510 characters (128,000 in all) cut from real text at paragraph ends — the model
 * card sample (tables, lists, English and Japanese), the showcase answer (code, lists) and the
 * long-message document (headings, links, tables, code) — plus a formula in every tenth answer.
 * Rows, each a median of BENCH_LONG_RUNS (3), each in a fresh Chromium context at 1280 × 800:
 *   - open: main-thread time from a click on it in the history list until the page is idle;
 *     floor: the same conversation's HTML with every reply as Markdown (taken from the app, as
 *     for a print) set as innerHTML on the same page, what showing it at all costs the browser;
 *   - type: main-thread time of each of 30 keystrokes in the composer (from the key until two
 *     frames later), median and 95th percentile, with the conversation open and in an empty chat
 *     in the same run.
 * A section of `npm run bench` (`BENCH_ONLY=conversation`); on its own, on an existing build
 * (the app on BENCH_APP_PORT, the fake upstream on BENCH_UPSTREAM_PORT):
 * npx tsx bench/long-conversation.ts
 */
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { ANSWERS, longConversation } from '../e2e/fixtures/long-conversation';
import { launchBrowser } from './browser';
import { benchConfig, startApp, startUpstream, type RunningProcess } from './lib/app-server';
import { idle, measure, openChatPage, taskMs, withPage } from './lib/main-thread';
import { median } from './lib/stats';
import { row, type Row } from './lib/table';

const RUNS = Number(process.env.BENCH_LONG_RUNS ?? 3);
const KEYSTROKES = 30;

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

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1];

interface Round {
  openMs: number;
  floorMs: number;
  typeLong: number[];
  typeEmpty: number[];
}

async function round(browser: Browser, app: string): Promise<Round> {
  let html = '';
  const opened = await withPage(browser, async (page, cdp) => {
    await openChatPage(page, app);
    const item = await importLong(page);
    const open = await measure(page, cdp, async () => {
      await item.getByRole('link').click();
      await lastReplyShown(page);
    });
    const typeLong = await keystrokes(page, cdp);
    // The floor's HTML: every reply as Markdown (as for a print; far ones otherwise wait to come near).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.locator('[data-markdown="pending"]').first().waitFor({ state: 'detached' });
    html = await page.locator('[data-export="conversation"] ol').evaluate((ol) => ol.outerHTML);
    return { openMs: open.taskMs, typeLong };
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
  return { ...opened, floorMs: floor.taskMs, typeEmpty };
}

async function measureAll(app: string, runs: number): Promise<Round[]> {
  const browser = await launchBrowser();
  try {
    await round(browser, app); // warm-up: the server's first renders, the browser's caches
    const rounds: Round[] = [];
    for (let run = 0; run < runs; run++) rounds.push(await round(browser, app));
    return rounds;
  } finally {
    await browser.close();
  }
}

/**
 * The bench section `conversation` (bench/run.ts): opening the 500-message conversation against
 * 1.5× its static HTML, and a keystroke with it open against the empty chat's (median, p95).
 */
export async function longConversationBench(app: string, runs = RUNS): Promise<{ rows: Row[]; raw: object }> {
  const rounds = await measureAll(app, runs);
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
  return { rows, raw: { rounds } };
}

async function main() {
  const config = benchConfig();
  const started: RunningProcess[] = [await startUpstream(config)];
  const app = await startApp(config);
  started.push(app);
  try {
    const { rows } = await longConversationBench(app.url);
    console.table(rows.map((r) => ({ figure: r.figure, ours: r.ours, reference: r.reference, pass: r.pass })));
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
