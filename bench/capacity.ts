/**
 * 3. Capacity: N simultaneous chats, each paced at ~30 tokens/s (`paced30`, 60 tokens). Every
 *    reply must arrive whole and in order; p99 added time to first token ≤ 100 ms; peak server
 *    memory ≤ 400 MB and back near its baseline afterwards. Steps N up from 200 to find the
 *    largest number the machine holds, within a time cap; when 200 is too many, halves N
 *    until a step holds, so the figure says what the machine does hold.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { rssMb, sampleRss } from './lib/proc';
import { streamChat, type Target } from './lib/sse-client';
import { median, p99 } from './lib/stats';
import { row, type Row } from './lib/table';

const LIMITS = { p99AddedMs: 100, peakMb: 400, settledOverBaselineMb: 50 };
/** How long the server may take to give back what a burst grew. */
const SETTLE_LIMIT_MS = 20_000;

interface Step {
  chats: number;
  errors: number;
  /** What the first few failed requests said. */
  errorSamples: string[];
  incomplete: number;
  p99AddedMs: number;
  /** Median first-token time straight from the upstream with the same number of chats. */
  directTtftMs: number;
  peakMb: number;
  ok: boolean;
}

/**
 * Memory is judged by what the step itself adds to the baseline: RSS that an earlier, larger
 * step left behind (V8 keeps grown heap spaces for a while) is not this step's cost.
 */
async function runStep(
  app: Target,
  direct: Target,
  chats: number,
  expected: string,
  pids: () => number[],
  baselineMb: number,
): Promise<Step> {
  // Every chat is a user of its own: a connection of its own, as from separate browsers.
  const directRuns = await Promise.all(
    Array.from({ length: chats }, (_, i) =>
      streamChat(direct, `[[scenario:paced30]] direct ${chats}-${i}`, { ownConnection: true }),
    ),
  );
  const directTtft = median(directRuns.map((r) => r.ttftMs));
  const startMb = rssMb(pids());
  const sampler = sampleRss(pids());
  const results = await Promise.all(
    Array.from({ length: chats }, (_, i) =>
      streamChat(app, `[[scenario:paced30]] chat ${chats}-${i}`, { ownConnection: true }),
    ),
  );
  const peakMb = sampler.stop() - Math.max(0, startMb - baselineMb);
  const failed = results.filter((r) => r.error || r.status !== 200);
  const errors = failed.length;
  const incomplete = results.filter((r) => !r.error && r.text !== expected).length;
  const p99AddedMs = p99(results.map((r) => r.ttftMs)) - directTtft;
  const ok = errors === 0 && incomplete === 0 && p99AddedMs <= LIMITS.p99AddedMs && peakMb <= LIMITS.peakMb;
  const errorSamples = failed.slice(0, 3).map((r) => r.error ?? `HTTP ${r.status}`);
  return { chats, errors, errorSamples, incomplete, p99AddedMs, directTtftMs: directTtft, peakMb, ok };
}

export async function capacity(
  app: Target,
  direct: Target,
  serverPids: () => number[],
  { appDir, maxMs = 60_000 }: { appDir: string; maxMs?: number },
): Promise<{ rows: Row[]; raw: object }> {
  const { PACED30_TOKENS } = await import(
    pathToFileURL(path.join(appDir, 'e2e/fake-upstream/bench-scenarios.mjs')).href
  );
  const expected = (PACED30_TOKENS as string[]).join('');
  await streamChat(app, '[[scenario:paced30]] warm-up');
  await delay(500);
  const baselineMb = rssMb(serverPids());

  const started = performance.now();
  const steps: Step[] = [];
  for (let chats = 200; performance.now() - started < maxMs; chats += chats < 400 ? 100 : 200) {
    const step = await runStep(app, direct, chats, expected, serverPids, baselineMb);
    steps.push(step);
    if (!step.ok || chats >= 1000) break;
  }
  for (
    let chats = 100;
    !steps.some((s) => s.ok) && chats >= 5 && performance.now() - started < maxMs;
    chats = Math.floor(chats / 2)
  ) {
    steps.push(await runStep(app, direct, chats, expected, serverPids, baselineMb));
  }
  // V8 (Node 24) collects a heap that stopped growing and gives the pages back to the system on
  // its own, some seconds after the last reply (9-11 s here).
  const quietSince = performance.now();
  let settledMb = rssMb(serverPids());
  while (settledMb - baselineMb > LIMITS.settledOverBaselineMb && performance.now() - quietSince < SETTLE_LIMIT_MS) {
    await delay(1000);
    settledMb = rssMb(serverPids());
  }
  const settledAfterS = (performance.now() - quietSince) / 1000;
  const first = steps[0];
  const held = steps.filter((s) => s.ok).at(-1)?.chats ?? 0;
  const settledOk = settledMb - baselineMb <= LIMITS.settledOverBaselineMb;
  return {
    rows: [
      row({
        figure: '200 chats @30 tok/s: errors / incomplete',
        unit: '',
        ours: `${first.errors} / ${first.incomplete}`,
        reference: '0 / 0',
        ratio: null,
        target: '0 / 0',
        pass: first.errors === 0 && first.incomplete === 0,
      }),
      row({
        figure: '200 chats: p99 added time to first token',
        unit: 'ms',
        ours: first.p99AddedMs,
        reference: LIMITS.p99AddedMs,
        ratio: null,
        target: '≤ 100 ms',
        pass: first.p99AddedMs <= LIMITS.p99AddedMs,
        note: `direct median ttft under the same load ${first.directTtftMs.toFixed(1)} ms`,
      }),
      row({
        figure: '200 chats: peak server memory',
        unit: 'MB',
        ours: first.peakMb,
        reference: LIMITS.peakMb,
        ratio: null,
        target: '≤ 400 MB',
        pass: first.peakMb <= LIMITS.peakMb,
        note: `baseline ${baselineMb.toFixed(0)} MB`,
      }),
      row({
        figure: `server memory within ${SETTLE_LIMIT_MS / 1000} s after the last step`,
        unit: 'MB',
        ours: settledMb,
        reference: baselineMb,
        target: `≤ baseline + ${LIMITS.settledOverBaselineMb} MB`,
        pass: settledOk,
        note: `read ${settledAfterS.toFixed(0)} s after the last step`,
      }),
      row({
        figure: 'largest number of chats held (within limits)',
        unit: 'chats',
        ours: held,
        reference: null,
        ratio: null,
        target: '≥ 200',
        pass: held >= 200,
        note: steps
          .map(
            (s) =>
              `${s.chats}:${s.ok ? 'ok' : 'fail'} p99+${s.p99AddedMs.toFixed(0)}ms ${s.peakMb.toFixed(0)}MB err${s.errors}/inc${s.incomplete}${s.errorSamples.length ? ` (${s.errorSamples.join(', ')})` : ''}`,
          )
          .join('; '),
      }),
    ],
    raw: { baselineMb, settledMb, settledAfterS, steps },
  };
}
