/**
 * What one chat request costs the server, apart from its tokens, and how N simultaneous chats
 * queue behind it. Not part of `npm run bench` (it explains the capacity figure):
 *   NEXT_DIST_DIR=.next-h8 npx tsx bench/request-cost.ts            (after a build)
 * Env: BENCH_APP_PORT, BENCH_UPSTREAM_PORT, NEXT_DIST_DIR as for the bench; CHATS (200).
 * 1. 200 sequential requests whose reply is empty (`empty`): server CPU per request.
 * 2. CHATS simultaneous `paced30` chats: time to first token p10/p50/p90/p99, server CPU.
 */
import { performance } from 'node:perf_hooks';
import { benchConfig, startApp, startUpstream } from './lib/app-server';
import { cpuMs } from './lib/proc';
import { streamChat, type Target } from './lib/sse-client';

async function main() {
  const config = benchConfig();
  const upstream = await startUpstream(config);
  const app = await startApp(config);
  try {
    const target: Target = { kind: 'app', baseUrl: app.url };
    for (let i = 0; i < 20; i++) await streamChat(target, `[[scenario:empty]] warm-up ${i}`);
    const n = 200;
    let cpu = cpuMs(app.pids());
    let started = performance.now();
    for (let i = 0; i < n; i++) await streamChat(target, `[[scenario:empty]] request ${i}`);
    const perRequest = (cpuMs(app.pids()) - cpu) / n;
    console.log(
      `empty reply, sequential: ${((performance.now() - started) / n).toFixed(1)} ms wall, ${perRequest.toFixed(1)} ms server CPU per request`,
    );

    const chats = Number(process.env.CHATS ?? 200);
    cpu = cpuMs(app.pids());
    started = performance.now();
    const results = await Promise.all(
      Array.from({ length: chats }, (_, i) => streamChat(target, `[[scenario:paced30]] chat ${i}`)),
    );
    const ttft = results.map((r) => r.ttftMs).sort((a, b) => a - b);
    const q = (p: number) => ttft[Math.min(ttft.length - 1, Math.floor(p * ttft.length))].toFixed(0);
    console.log(
      `${chats} simultaneous paced30 chats: ttft p10 ${q(0.1)} / p50 ${q(0.5)} / p90 ${q(0.9)} / p99 ${q(0.99)} ms; ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s wall, ${((cpuMs(app.pids()) - cpu) / 1000).toFixed(1)} s server CPU; ` +
        `errors ${results.filter((r) => r.error).length}; SSE events per chat ${(results.reduce((s, r) => s + r.pieces, 0) / chats).toFixed(0)} (60 tokens)`,
    );
  } finally {
    await app.stop();
    await upstream.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
