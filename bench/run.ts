/**
 * `npm run bench`: builds the app (production), starts it and the fake upstream on loopback,
 * and measures what the app adds to every path a reply travels, side by side with the direct
 * path in the same run. Prints a table and writes bench/results/latest.json.
 *
 * Environment: BENCH_APP_PORT (3600), BENCH_UPSTREAM_PORT (4600), NEXT_DIST_DIR (.next-h8),
 * BENCH_SKIP_BUILD=1 (reuse the build),
 * BENCH_ONLY=latency,cpu,tokencost,abuse,counting,scaling,browser,page,attachments,long,conversation,lighthouse
 * (sections),
 * BENCH_QUICK=1 (fewer repeats), BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { abuse } from './abuse';
import { attachmentsBench } from './attachments';
import { browserBench } from './browser';
import { counting } from './counting';
import { addedLatency, cpuPerToken } from './latency';
import { benchConfig, build, startApp, startUpstream } from './lib/app-server';
import type { Target } from './lib/sse-client';
import { formatTable, row, writeResults, type Row } from './lib/table';
import { lighthouseBench } from './lighthouse';
import { longConversationBench } from './long-conversation';
import { longMessageBench } from './long-message';
import { pageWeight } from './page-weight';
import { scaling } from './scaling';
import { tokenCost } from './token-cost';

const config = benchConfig();
const SECTIONS = 'latency,cpu,tokencost,abuse,counting,scaling,browser,page,attachments,long,conversation,lighthouse';
const only = new Set((process.env.BENCH_ONLY ?? SECTIONS).split(','));
const quick = process.env.BENCH_QUICK === '1';
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const t0 = performance.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log(`building (${config.distDir})…`);
    build(config);
  }
  const upstream = await startUpstream(config);
  const app = await startApp(config);
  log(`app ready in ${app.readyMs.toFixed(0)} ms on ${app.url}; upstream on ${upstream.url}`);
  const appTarget: Target = { kind: 'app', baseUrl: app.url };
  const direct: Target = { kind: 'direct', baseUrl: upstream.url };
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  let directTtftMs = NaN;
  const section = async (name: string, fn: () => Promise<{ rows: Row[]; raw: object }>) => {
    if (!only.has(name)) return;
    const started = performance.now();
    const loadBefore = loadavg()[0];
    log(`${name}… (load average ${loadBefore.toFixed(1)})`);
    try {
      const result = await fn();
      rows.push(...result.rows);
      // The 1-minute load average as the section began and ended: the machine is shared.
      raw[name] = { ...result.raw, loadAverage: [loadBefore, loadavg()[0]] };
    } catch (error) {
      rows.push(
        row({
          figure: `${name} (failed to run)`,
          unit: '',
          ours: 'error',
          reference: null,
          ratio: null,
          target: '',
          pass: false,
          note: String((error as Error).stack ?? error).slice(0, 300),
        }),
      );
    }
    log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  try {
    rows.push(
      row({
        figure: 'server start (server.ts) → first 200 on /ja',
        unit: 'ms',
        ours: app.readyMs,
        reference: 1000,
        ratio: null,
        target: '≤ 1000 ms',
        pass: app.readyMs <= 1000,
      }),
    );
    await section('latency', async () => {
      const result = await addedLatency(appTarget, direct, quick ? 7 : 21);
      directTtftMs = result.directTtftMs;
      return result;
    });
    await section('cpu', () => cpuPerToken(appTarget, direct, app.pids, quick ? 2 : 5));
    await section('tokencost', () => tokenCost(app.url, direct, app.pids, quick ? 3 : 7));
    await section('abuse', () => abuse(appTarget, app.pids, config, quick));
    await section('counting', () => counting(config, quick));
    await section('scaling', () => scaling(app, direct, config, upstream.pids));
    await section('page', () => pageWeight(app.url));
    await section('browser', () =>
      browserBench(app.url, upstream.url, Number.isFinite(directTtftMs) ? directTtftMs : 50, quick ? 3 : 7, () => [
        ...app.pids(),
        ...upstream.pids(),
        process.pid,
      ]),
    );
    await section('attachments', () => attachmentsBench(app.url, quick ? 1 : 3));
    await section('long', () => longMessageBench(app.url, quick ? 1 : 3));
    await section('conversation', () =>
      longConversationBench(app.url, quick ? 1 : 3, () => [...app.pids(), ...upstream.pids(), process.pid]),
    );
    await section('lighthouse', () => lighthouseBench(app.url));
  } finally {
    await app.stop();
    await upstream.stop();
  }

  const table = formatTable(rows);
  console.log(table);
  for (const r of rows.filter((r) => r.note)) console.log(`- ${r.figure}: ${r.note}`);
  // A run of some sections only does not replace the full run's latest.json.
  const all = SECTIONS.split(',').every((name) => only.has(name));
  const file = writeResults(
    rows,
    { config: { ...config, quick, only: [...only] }, raw, durationS: Math.round((performance.now() - t0) / 1000) },
    undefined,
    all ? 'latest.json' : `latest-${[...only].join('-')}.json`,
  );
  log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
