/**
 * The load test (`BENCH_ONLY=scaling`): capacity per instance and with two (issue 21 item 7).
 * First, on one process, 200 chats arriving at the same instant (`paced30`): every reply whole,
 * p99 added time to first token ≤ 100 ms, peak server memory ≤ 400 MB over the baseline, and
 * the memory back within 50 MB of it within 20 s (a leak would keep it). Then, for one server process, for the same
 * process behind nginx (deploy/nginx.conf, started by e2e/ops/nginx.ts), and for two processes
 * behind that nginx, it searches the largest number that is held of:
 * - chats arriving at the same instant (`paced30`: first token after 50 ms, then one every
 *   33 ms, 60 tokens), held when p99 time to first token minus the direct median under the
 *   same load is ≤ 100 ms, with no error and every reply whole;
 * - concurrent streams at 30 tokens/s (`paced30-long`: 180 tokens, 6 s), arriving evenly over
 *   2 s, held when the p99 gap between two tokens at the client is ≤ 50 ms (the upstream sends
 *   one every 33 ms), with no error and every reply whole.
 * Doubling from a start until a step fails, then halving the interval to within 10 %. Two of
 * three tries must hold a step (twoOfThree). Each try records the machine's load average and
 * the cores in use on average: the machine's, the app's, the fake upstream's and the clients'
 * (this process); near 2 a try measures the machine, not the app.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { deployConf, startNginx, type Nginx } from '../e2e/ops/nginx';
import { startApp, type BenchConfig, type RunningProcess } from './lib/app-server';
import { cpuMsFine, machineCpuMs, rssMb, sampleRss } from './lib/proc';
import { streamChat, type StreamResult, type Target } from './lib/sse-client';
import { median, p99 } from './lib/stats';
import { row, type Row } from './lib/table';

const LIMITS = { burstP99AddedMs: 100, gapP99Ms: 50, peakMb: 400, settledOverBaselineMb: 50 };
/** How long the server may take to give back what a burst grew (V8 on Node 24: 9-11 s here). */
const SETTLE_LIMIT_MS = 20_000;
/** The chats of the fixed step: what one instance must hold. */
const FIXED_CHATS = 200;
const STREAM_ARRIVAL_MS = 2000;
/** A `paced30-long` stream lasts ~6 s (180 tokens 33 ms apart): all are open for the 3.5 s after the last arrival. */
const ALL_OPEN_MS = 3500;

interface Step {
  n: number;
  ok: boolean;
  /** p99 added first token (burst) or p99 gap (streams), ms. */
  p99Ms: number;
  errors: number;
  incomplete: number;
  load: number;
  /** Server CPU (every app process) per chat (burst) or per second of one stream (streams), ms. */
  cpuMs: number;
  /**
   * Cores in use on average (a burst: from the requests to the last reply's end; streams: while
   * all are open): the machine's, and the app's, upstream's and clients' share.
   */
  cores: Cores;
  /** p99 of each try (twoOfThree). */
  tries?: number[];
}

interface Cores {
  machine: number;
  app: number;
  upstream: number;
  /** This process: the step's clients (and the bench). */
  clients: number;
}

/** Starts counting CPU; the returned function gives the cores used on average since. */
function watchCores(app: () => number[], upstream: () => number[]): () => Cores {
  const t0 = performance.now();
  const machine = machineCpuMs().busy;
  const appMs = cpuMsFine(app());
  const upstreamMs = cpuMsFine(upstream());
  const clients = process.cpuUsage();
  return () => {
    const wallMs = performance.now() - t0;
    const own = process.cpuUsage(clients);
    return {
      machine: (machineCpuMs().busy - machine) / wallMs,
      app: (cpuMsFine(app()) - appMs) / wallMs,
      upstream: (cpuMsFine(upstream()) - upstreamMs) / wallMs,
      clients: (own.user + own.system) / 1000 / wallMs,
    };
  };
}

type Probe = (n: number) => Promise<Step>;

/**
 * A step holds when two of three tries hold, stopping as soon as two agree: one try's p99 moves
 * with the machine's jitter by more than neighbouring steps differ (a single try per step gave
 * 152 and 272 streams for one process in two runs an hour apart). The step reported is the
 * median try (of two that agree: the one nearest the limit); `tries` has every try's p99.
 */
function twoOfThree(probe: Probe): Probe {
  return async (n) => {
    const tries: Step[] = [];
    const count = (ok: boolean) => tries.filter((t) => t.ok === ok).length;
    while (count(true) < 2 && count(false) < 2) tries.push(await probe(n));
    const ok = count(true) >= 2;
    const sorted = [...tries].sort((a, b) => a.p99Ms - b.p99Ms);
    const reported = sorted.length === 3 || ok ? sorted[1] : sorted[0];
    return { ...reported, ok, tries: tries.map((t) => t.p99Ms) };
  };
}

/** The largest n for which `probe` holds, and every step tried. */
async function search(probe: Probe, start: number, max: number): Promise<{ held: number; steps: Step[] }> {
  const steps: Step[] = [];
  let ok = 0;
  let failed = Infinity;
  for (let n = start; n <= max; n *= 2) {
    const step = await probe(n);
    steps.push(step);
    if (!step.ok) {
      failed = n;
      break;
    }
    ok = n;
  }
  if (ok === 0) {
    for (let n = Math.floor(start / 2); n >= 2; n = Math.floor(n / 2)) {
      const step = await probe(n);
      steps.push(step);
      if (step.ok) {
        ok = n;
        break;
      }
      failed = n;
    }
  }
  while (Number.isFinite(failed) && ok > 0 && failed - ok > Math.max(2, ok * 0.1)) {
    const n = Math.round((ok + failed) / 2);
    const step = await probe(n);
    steps.push(step);
    if (step.ok) ok = n;
    else failed = n;
  }
  return { held: ok, steps };
}

const whole = (results: StreamResult[], expected: string) => ({
  errors: results.filter((r) => r.error || r.status !== 200).length,
  incomplete: results.filter((r) => !r.error && r.status === 200 && r.text !== expected).length,
});

function burstProbe(
  app: Target,
  direct: Target,
  expected: string,
  pids: () => number[],
  upstreamPids: () => number[],
): Probe {
  return async (n) => {
    const load = loadavg()[0];
    const straight = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        streamChat(direct, `[[scenario:paced30]] d${n}-${i}`, { ownConnection: true }),
      ),
    );
    const cpuBefore = cpuMsFine(pids());
    const coresSince = watchCores(pids, upstreamPids);
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => streamChat(app, `[[scenario:paced30]] b${n}-${i}`, { ownConnection: true })),
    );
    const cores = coresSince();
    const cpuMs = (cpuMsFine(pids()) - cpuBefore) / n;
    const p99Ms = p99(results.map((r) => r.ttftMs)) - median(straight.map((r) => r.ttftMs));
    const { errors, incomplete } = whole(results, expected);
    await delay(300);
    const ok = errors + incomplete === 0 && p99Ms <= LIMITS.burstP99AddedMs;
    return { n, ok, p99Ms, errors, incomplete, load, cpuMs, cores };
  };
}

function streamsProbe(app: Target, expected: string, pids: () => number[], upstreamPids: () => number[]): Probe {
  return async (n) => {
    const load = loadavg()[0];
    const cpuBefore = cpuMsFine(pids());
    const t0 = performance.now();
    // Cores in use while every stream is open: from the last arrival to the first stream's end.
    const allOpen = (async () => {
      await delay(STREAM_ARRIVAL_MS);
      const coresSince = watchCores(pids, upstreamPids);
      await delay(ALL_OPEN_MS);
      return coresSince();
    })();
    const results = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        await delay(Math.max(0, t0 + (i * STREAM_ARRIVAL_MS) / n - performance.now()));
        return streamChat(app, `[[scenario:paced30-long]] s${n}-${i}`, { ownConnection: true });
      }),
    );
    const cores = await allOpen;
    const streamSeconds = results
      .filter((r) => Number.isFinite(r.ttftMs))
      .reduce((sum, r) => sum + (r.totalMs - r.ttftMs) / 1000, 0);
    const cpuMs = (cpuMsFine(pids()) - cpuBefore) / streamSeconds;
    const p99Ms = p99(results.flatMap((r) => r.gapsMs));
    const { errors, incomplete } = whole(results, expected);
    await delay(300);
    const ok = errors + incomplete === 0 && p99Ms <= LIMITS.gapP99Ms;
    return { n, ok, p99Ms, errors, incomplete, load, cpuMs, cores };
  };
}

/**
 * 200 chats arriving at the same instant on one process: whole replies, p99 added first token,
 * peak memory over the baseline (sampled every 50 ms), then the memory once it settles.
 */
async function fixedStep(app: Target, direct: Target, expected: string, pids: () => number[]): Promise<Row[]> {
  await streamChat(app, '[[scenario:paced30]] warm-up');
  await delay(500);
  const baselineMb = rssMb(pids());
  const straight = await Promise.all(
    Array.from({ length: FIXED_CHATS }, (_, i) =>
      streamChat(direct, `[[scenario:paced30]] fixed-d${i}`, { ownConnection: true }),
    ),
  );
  const directTtftMs = median(straight.map((r) => r.ttftMs));
  const sampler = sampleRss(pids());
  const results = await Promise.all(
    Array.from({ length: FIXED_CHATS }, (_, i) =>
      streamChat(app, `[[scenario:paced30]] fixed-${i}`, { ownConnection: true }),
    ),
  );
  const peakMb = sampler.stop() - baselineMb;
  const p99AddedMs = p99(results.map((r) => r.ttftMs)) - directTtftMs;
  const { errors, incomplete } = whole(results, expected);
  const errorSamples = results
    .filter((r) => r.error || r.status !== 200)
    .slice(0, 3)
    .map((r) => r.error ?? `HTTP ${r.status}`);
  const quietSince = performance.now();
  let settledMb = rssMb(pids());
  while (settledMb - baselineMb > LIMITS.settledOverBaselineMb && performance.now() - quietSince < SETTLE_LIMIT_MS) {
    await delay(1000);
    settledMb = rssMb(pids());
  }
  const settledAfterS = (performance.now() - quietSince) / 1000;
  return [
    row({
      figure: `${FIXED_CHATS} chats @30 tok/s arriving at once, one process: errors / incomplete`,
      unit: '',
      ours: `${errors} / ${incomplete}`,
      reference: '0 / 0',
      ratio: null,
      target: '0 / 0',
      pass: errors === 0 && incomplete === 0,
      note: errorSamples.join(', ') || undefined,
    }),
    row({
      figure: `${FIXED_CHATS} chats: p99 added time to first token`,
      unit: 'ms',
      ours: p99AddedMs,
      reference: LIMITS.burstP99AddedMs,
      ratio: null,
      target: '≤ 100 ms',
      pass: p99AddedMs <= LIMITS.burstP99AddedMs,
      note: `direct median ttft under the same load ${directTtftMs.toFixed(1)} ms`,
    }),
    row({
      figure: `${FIXED_CHATS} chats: peak server memory over the baseline`,
      unit: 'MB',
      ours: peakMb,
      reference: LIMITS.peakMb,
      ratio: null,
      target: '≤ 400 MB',
      pass: peakMb <= LIMITS.peakMb,
      note: `baseline ${baselineMb.toFixed(0)} MB`,
    }),
    row({
      figure: `server memory within ${SETTLE_LIMIT_MS / 1000} s after the ${FIXED_CHATS} chats`,
      unit: 'MB',
      ours: settledMb,
      reference: baselineMb,
      target: `≤ baseline + ${LIMITS.settledOverBaselineMb} MB`,
      pass: settledMb - baselineMb <= LIMITS.settledOverBaselineMb,
      note: `read ${settledAfterS.toFixed(0)} s after the last reply`,
    }),
  ];
}

/** deploy/nginx.conf with its upstream replaced by the given ports (e2e/ops/nginx.ts). */
const nginxConf = (appPorts: number[]) => (port: number) => deployConf(appPorts, port);

interface Setup {
  name: string;
  held: { burst: number; streams: number };
  steps: { burst: Step[]; streams: Step[] };
}

async function measure(
  name: string,
  target: Target,
  direct: Target,
  appDir: string,
  pids: () => number[],
  upstreamPids: () => number[],
): Promise<Setup> {
  const { PACED30_TOKENS } = await import(
    pathToFileURL(path.join(appDir, 'e2e/fake-upstream/bench-scenarios.mjs')).href
  );
  const tokens = PACED30_TOKENS as string[];
  const expected = tokens.join('');
  const expectedLong = Array.from({ length: 180 }, (_, i) => tokens[i % tokens.length]).join('');
  for (let i = 0; i < 20; i++) await streamChat(target, '[[scenario:paced30]] warm-up');
  const burst = await search(twoOfThree(burstProbe(target, direct, expected, pids, upstreamPids)), 16, 1024);
  const streams = await search(twoOfThree(streamsProbe(target, expectedLong, pids, upstreamPids)), 64, 2048);
  return {
    name,
    held: { burst: burst.held, streams: streams.held },
    steps: { burst: burst.steps, streams: streams.steps },
  };
}

const describeSteps = (steps: Step[]) =>
  steps
    .map(
      (s) =>
        `${s.n}:${s.ok ? 'ok' : 'fail'} p99 ${s.p99Ms.toFixed(0)} ms${s.tries && s.tries.length > 1 ? ` (${s.tries.map((t) => t.toFixed(0)).join('/')})` : ''} cpu ${s.cpuMs.toFixed(1)} ms cores ${s.cores.machine.toFixed(2)} (app ${s.cores.app.toFixed(2)}, upstream ${s.cores.upstream.toFixed(2)}, clients ${s.cores.clients.toFixed(2)})${s.errors + s.incomplete ? ` err${s.errors}/inc${s.incomplete}` : ''} load ${s.load.toFixed(1)}`,
    )
    .join('; ');

export async function scaling(
  one: RunningProcess,
  direct: Target,
  config: BenchConfig,
  upstreamPids: () => number[],
): Promise<{ rows: Row[]; raw: object }> {
  const { PACED30_TOKENS } = await import(
    pathToFileURL(path.join(config.appDir, 'e2e/fake-upstream/bench-scenarios.mjs')).href
  );
  const fixed = await fixedStep(
    { kind: 'app', baseUrl: one.url },
    direct,
    (PACED30_TOKENS as string[]).join(''),
    one.pids,
  );
  const setups: Setup[] = [];
  setups.push(
    await measure('one process', { kind: 'app', baseUrl: one.url }, direct, config.appDir, one.pids, upstreamPids),
  );
  const onePort = Number(new URL(one.url).port);
  let nginx: Nginx | undefined;
  let second: RunningProcess | undefined;
  try {
    nginx = await startNginx(nginxConf([onePort]));
    const proxied = { kind: 'app', baseUrl: nginx.url } as const;
    setups.push(await measure('one process behind nginx', proxied, direct, config.appDir, one.pids, upstreamPids));
    await nginx.stop();
    nginx = undefined;
    second = await startApp(config, { port: config.appPort + 2 });
    nginx = await startNginx(nginxConf([onePort, config.appPort + 2]));
    const both = () => [...one.pids(), ...second!.pids()];
    const twoTarget = { kind: 'app', baseUrl: nginx.url } as const;
    setups.push(await measure('two processes behind nginx', twoTarget, direct, config.appDir, both, upstreamPids));
  } finally {
    await nginx?.stop();
    await second?.stop();
  }
  const [single, proxied, two] = setups;
  const rows: Row[] = [...fixed];
  for (const [metric, label, limit] of [
    ['burst', 'chats arriving at the same instant held (p99 added first token ≤ 100 ms)', 'chats'],
    ['streams', 'concurrent streams held at 30 tokens/s (p99 gap between tokens ≤ 50 ms)', 'streams'],
  ] as const) {
    for (const setup of [single, proxied])
      rows.push(
        row({
          figure: `${label}, ${setup.name}`,
          unit: limit,
          ours: setup.held[metric],
          reference: null,
          ratio: null,
          target: 'info',
          pass: null,
          note: describeSteps(setup.steps[metric]),
        }),
      );
    rows.push(
      row({
        figure: `${label}, two processes behind nginx vs one behind nginx`,
        unit: limit,
        ours: two.held[metric],
        reference: proxied.held[metric],
        target: '≥ 1.5 × one',
        // Nothing held by one process (a loaded machine) is no figure to compare with.
        pass: proxied.held[metric] > 0 ? two.held[metric] >= 1.5 * proxied.held[metric] : null,
        note: describeSteps(two.steps[metric]),
      }),
    );
  }
  // What a chat and a stream cost the server in CPU, which depends less on the machine's load
  // than the held figures: at the largest step without errors, where the fixed costs of an
  // idle process weigh least (the figures the README's guidance is built on).
  const cpu = (setup: Setup, metric: 'burst' | 'streams') =>
    setup.steps[metric].filter((s) => s.errors === 0).reduce((a, b) => (b.n > a.n ? b : a)).cpuMs;
  rows.push(
    row({
      figure: 'server CPU per chat (request and its 60 tokens; largest burst step), one process',
      unit: 'ms',
      ours: cpu(single, 'burst'),
      reference: null,
      ratio: null,
      target: 'info',
      pass: null,
      note: `two processes behind nginx: ${cpu(two, 'burst').toFixed(1)} ms`,
    }),
    row({
      figure: 'server CPU per second of one stream at 30 tokens/s (largest step), one process',
      unit: 'ms',
      ours: cpu(single, 'streams'),
      reference: null,
      ratio: null,
      target: 'info',
      pass: null,
      note: `two processes behind nginx: ${cpu(two, 'streams').toFixed(1)} ms; at full use a core would run ~${Math.floor(1000 / cpu(single, 'streams'))} such streams`,
    }),
  );
  return { rows, raw: { setups } };
}
