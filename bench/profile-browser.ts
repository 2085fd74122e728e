/**
 * Profiles the chat page in Chromium while one reply streams: a V8 CPU profile of the page's
 * main thread, summarised by package and function, and the longest busy stretches (what a long
 * task was made of). Uses an existing build (run `npm run bench` or `next build` first).
 *   NEXT_DIST_DIR=.next-h8 npx tsx bench/profile-browser.ts md-16k [out.cpuprofile]
 * With PROFILE_TRACE=1 it records a Chrome trace instead and sums main-thread time by event
 * (script, style, layout, paint…).
 * Scenarios: md-1k, md-4k, md-16k, paced (see e2e/fake-upstream/bench-scenarios.mjs).
 * PROFILE_BEFORE=md-1k,md-4k streams those replies first, each on a fresh load of the page in
 * the same tab, as the bench does before md-16k.
 * PROFILE_LONG=1 streams it at the end of the 500-message conversation of
 * bench/long-conversation.ts (issue #35) instead of in an empty chat.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { ANSWERS, longConversation } from '../e2e/fixtures/long-conversation';
import { launchBrowser } from './browser';
import { benchConfig, startApp, startUpstream } from './lib/app-server';
import { pinToCpus } from './lib/proc';
import { conversationDone } from './lib/main-thread';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const scenario = process.argv[2] ?? 'md-16k';
const out = process.argv[3];
const IDLE = new Set(['(idle)', '(program)']);

const where = (url: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url ? url.replace(/^.*\//, '') : '(native)');

/** Self time per function (top n) over samples [from, to). */
function summarise(profile: CpuProfile, byId: Map<number, ProfileNode>, from: number, to: number, n: number): string {
  const self = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(profile.samples[i])!.callFrame;
    const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber}:${columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`)
    .join('\n');
}

/** Stretches of consecutive non-idle samples longer than 50 ms: the long tasks. */
function busyStretches(
  profile: CpuProfile,
  byId: Map<number, ProfileNode>,
): { from: number; to: number; ms: number }[] {
  const stretches: { from: number; to: number; ms: number }[] = [];
  let start = -1;
  let us = 0;
  for (let i = 0; i <= profile.samples.length; i++) {
    const idle = i === profile.samples.length || IDLE.has(byId.get(profile.samples[i])!.callFrame.functionName);
    if (!idle) {
      if (start < 0) {
        start = i;
        us = 0;
      }
      us += profile.timeDeltas[i + 1] ?? 0;
    } else if (start >= 0) {
      if (us > 50_000) stretches.push({ from: start, to: i, ms: us / 1000 });
      start = -1;
    }
  }
  return stretches.sort((a, b) => b.ms - a.ms);
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time: unlike dur, not stretched when other processes take the CPU. */
  tdur?: number;
  tid: number;
  pid: number;
  ts: number;
}

/** Self time per trace event name on the renderer main thread (nested events are subtracted). */
async function traceRun(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'],
  });
  await page.getByTestId('composer').fill(`[[scenario:${scenario}]] trace`);
  await page.getByTestId('composer').press('Enter');
  await replyDone(page);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: (TraceEvent & { args?: { name?: string } })[];
  };
  if (out) writeFileSync(out, JSON.stringify({ traceEvents }));
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const events = traceEvents
    .filter((e) => e.ph === 'X' && e.dur && main && e.tid === main.tid && e.pid === main.pid)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  const tasks: TraceEvent[] = [];
  // Self time by event name inside each task over 50 ms: what a long task was made of.
  const longTaskSelf = new Map<TraceEvent, Map<string, number>>();
  const add = (map: Map<string, number>, name: string, us: number) => map.set(name, (map.get(name) ?? 0) + us);
  for (const event of events) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(self, parent.name, -event.dur!);
    else if (event.name === 'RunTask') {
      tasks.push(event);
      if (event.dur! > 50_000) longTaskSelf.set(event, new Map());
    }
    const inLongTask = longTaskSelf.get(stack[0] ?? event);
    if (inLongTask) {
      if (parent) add(inLongTask, parent.name, -event.dur!);
      add(inLongTask, event.name, event.dur!);
    }
    add(self, event.name, event.dur!);
    stack.push(event);
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const ms = (us = 0) => (us / 1000).toFixed(0);
  const byWall = tasks.map((t) => t.dur!).sort((a, b) => b - a);
  const byCpu = tasks.map((t) => t.tdur ?? 0).sort((a, b) => b - a);
  console.log(
    `${scenario}: ${tasks.length} tasks; longest by wall time ${byWall.slice(0, 5).map(ms).join(', ')} ms (${byWall.filter((d) => d > 50_000).length} over 50 ms); by CPU time ${byCpu.slice(0, 5).map(ms).join(', ')} ms (${byCpu.filter((d) => d > 50_000).length} over 50 ms)`,
  );
  for (const [task, names] of longTaskSelf) {
    const parts = [...names]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${ms(us)}`);
    console.log(
      `  task of ${ms(task.dur)} ms (CPU ${ms(task.tdur)} ms) at +${ms(task.ts - events[0].ts)} ms: ${parts.join(', ')}`,
    );
  }
  console.log(
    `self time by trace event:\n${rows.map(([name, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`).join('\n')}`,
  );
}

async function openPage(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}/ja`);
  await page.getByTestId('composer').waitFor();
  // As the bench does: the visitor focuses the composer (the chat runtime and the Markdown
  // renderer are fetched then) and types. PROFILE_NO_WAIT=1 sends at once instead.
  if (process.env.PROFILE_NO_WAIT !== '1') {
    await page.waitForTimeout(300);
    await page.getByTestId('composer').focus();
    await page.waitForTimeout(1500);
  }
}

/** With PROFILE_LONG=1: imports the 500-message conversation and opens it. */
async function openLong(page: Page): Promise<void> {
  if (process.env.PROFILE_LONG !== '1') return;
  await page.getByTestId('history-import-file').setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longConversation('profilelong', 'profile long')),
  });
  await page.getByTestId('conversation-item').filter({ hasText: 'profile long' }).getByRole('link').click();
  await page
    .getByTestId('message-assistant')
    .nth(ANSWERS - 1)
    .waitFor();
  await page.waitForTimeout(3000);
}

/** Until the reply just sent is done (in a long conversation, the earlier replies are done already). */
async function replyDone(page: Page): Promise<void> {
  const messages = process.env.PROFILE_LONG === '1' ? 2 * ANSWERS + 2 : 2;
  await page.waitForFunction(conversationDone, messages, { timeout: 120_000, polling: 200 });
}

async function main() {
  const config = benchConfig();
  const upstream = await startUpstream(config);
  const app = await startApp(config);
  const browser = await launchBrowser();
  if (process.env.PROFILE_PIN === '1')
    console.log('server side pinned to CPU 0:', pinToCpus([...app.pids(), ...upstream.pids(), process.pid], '0'));
  try {
    const page = await (
      await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    ).newPage();
    for (const before of (process.env.PROFILE_BEFORE ?? '').split(',').filter(Boolean)) {
      await openPage(page, app.url);
      await page.getByTestId('composer').fill(`[[scenario:${before}]] before`);
      await page.getByTestId('composer').press('Enter');
      await page.locator('[data-testid="message-assistant"][data-status="done"]').waitFor({ timeout: 120_000 });
    }
    await openPage(page, app.url);
    await openLong(page);
    if (process.env.PROFILE_TRACE === '1') return await traceRun(browser, page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.getByTestId('composer').fill(`[[scenario:${scenario}]] profile`);
    await page.getByTestId('composer').press('Enter');
    await replyDone(page);
    await page.waitForTimeout(300);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    if (out) writeFileSync(out, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `${scenario}: profile ${total.toFixed(0)} ms\n\nwhole run, self time:\n${summarise(profile, byId, 0, profile.samples.length, 30)}`,
    );
    const stretches = busyStretches(profile, byId);
    console.log(`\n${stretches.length} busy stretches over 50 ms: ${stretches.map((s) => s.ms.toFixed(0)).join(', ')}`);
    for (const s of stretches.slice(0, 3))
      console.log(`\nstretch of ${s.ms.toFixed(0)} ms:\n${summarise(profile, byId, s.from, s.to, 15)}`);
  } finally {
    await browser.close();
    await app.stop();
    await upstream.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
