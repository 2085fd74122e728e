// Bounded load test: N concurrent streaming chats through the production app to the fake
// upstream, on loopback only; stops by itself (hard limit 4 minutes).
//
//   npm run build && npm run load                  # 200 concurrent, 3 rounds
//   LOAD_CONCURRENCY=300 LOAD_ROUNDS=5 npm run load
//
// Checks: zero errors, every reply complete (all 200 tokens, `finish`, `[DONE]`), and the app's
// heap after a forced full GC back near its baseline after the load (no leak). Prints TTFT
// percentiles, RSS (which V8 keeps once grown) and heap figures. Exits non-zero when a check
// fails. Uses NEXT_DIST_DIR like the e2e setup; the app runs via bench/load-app-host.mjs.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeUpstream } from '../e2e/fake-upstream.mjs';

const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 3);
const DIST = process.env.NEXT_DIST_DIR || '.next';
const HARD_LIMIT_MS = 4 * 60_000;
/** After the load (and a full GC) the app's heap may hold at most this much more than after the warm-up. */
const MAX_RETAINED_MB = 32;
const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';
// The fake's "paced" scenario: first token after 50 ms, then one every 10 ms, 200 in all.
const PACED_WORDS = ['これは', 'ベンチ', 'マーク', '用の', '一定', '間隔', 'の', 'トークン', 'です', '。'];
const EXPECTED_TEXT = Array.from({ length: 200 }, (_, i) => PACED_WORDS[i % PACED_WORDS.length]).join('');

if (!existsSync(`${DIST}/BUILD_ID`)) {
  console.error(`No production build in ${DIST}: run \`npm run build\` first.`);
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** RSS in MB of a process and all its descendants (Linux /proc). */
function rssMb(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kb = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

async function chat(base, i) {
  const started = performance.now();
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ role: 'user', content: `[[scenario:paced]] load ${i}` }],
      model: MODEL,
      system: '',
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 512,
    }),
  });
  if (response.status !== 200) return { ok: false, why: `HTTP ${response.status} ${await response.text()}` };
  let ttft;
  let buffer = '';
  let text = '';
  let finished = false;
  let done = false;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut).replace(/^data: /, '');
      buffer = buffer.slice(cut + 2);
      if (event === '[DONE]') {
        done = true;
        continue;
      }
      const part = JSON.parse(event);
      if (part.type === 'text-delta') {
        ttft ??= performance.now() - started;
        text += part.delta;
      } else if (part.type === 'finish') finished = true;
      else if (part.type === 'error') return { ok: false, why: `error part ${part.errorText}` };
    }
  }
  if (!finished || !done || text !== EXPECTED_TEXT) {
    return {
      ok: false,
      why: `incomplete: finish=${finished} done=${done} chars=${text.length}/${EXPECTED_TEXT.length}`,
    };
  }
  return { ok: true, ttft, total: performance.now() - started };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const upstream = await startFakeUpstream({ port: 0 });
  const port = await freePort();
  const app = spawn(
    process.execPath,
    ['--expose-gc', 'bench/load-app-host.mjs', '-H', '127.0.0.1', '-p', String(port)],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        NVIDIA_API_KEY: '',
        SWALLOW_API_KEY: '',
        ACCESS_CODE: '',
        REDIS_URL: '',
        SWALLOW_BASE_URL: `${upstream.url}/v1`,
        // One client sends everything: per-client limits would refuse it by design.
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_CONCURRENT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Heap after a forced full GC, reported by load-app-host.mjs on SIGUSR2.
  let memoryWaiter = null;
  let stdoutBuffer = '';
  app.stdout.on('data', (chunk) => {
    stdoutBuffer += chunk;
    let cut;
    while ((cut = stdoutBuffer.indexOf('\n')) >= 0) {
      const line = stdoutBuffer.slice(0, cut);
      stdoutBuffer = stdoutBuffer.slice(cut + 1);
      if (line.startsWith('@@memory ') && memoryWaiter) memoryWaiter(JSON.parse(line.slice(9)));
    }
  });
  const heapAfterGcMb = () =>
    new Promise((resolve) => {
      memoryWaiter = (m) => resolve(m.heapUsed / 1048576);
      app.kill('SIGUSR2');
    });
  const stop = async () => {
    app.kill('SIGTERM');
    await upstream.close();
  };
  const watchdog = setTimeout(() => {
    console.error(`load test exceeded ${HARD_LIMIT_MS / 1000} s: stopping`);
    app.kill('SIGKILL');
    process.exit(3);
  }, HARD_LIMIT_MS);

  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/ja`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error('the app did not start');
    await sleep(200);
  }

  // Warm-up: compile routes, fill caches, then let the heap settle.
  for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 20 }, (_, j) => chat(base, `warm-${i}-${j}`)));
  await sleep(3_000);
  const baselineHeap = await heapAfterGcMb();
  const baseline = rssMb(app.pid);

  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.pid))), 100);
  const ttfts = [];
  const errors = [];
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        chat(base, `${round}-${i}`).catch((e) => ({ ok: false, why: String(e) })),
      ),
    );
    for (const r of results) {
      if (r.ok) ttfts.push(r.ttft);
      else errors.push(r.why);
    }
    rounds.push({
      round,
      seconds: (performance.now() - started) / 1000,
      rss: rssMb(app.pid),
      heap: await heapAfterGcMb(),
    });
  }
  clearInterval(sampler);
  await sleep(5_000);
  const afterHeap = await heapAfterGcMb();
  const after = rssMb(app.pid);

  ttfts.sort((a, b) => a - b);
  const report = {
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    streams: CONCURRENCY * ROUNDS,
    errors: errors.length,
    ttftMs: { p50: Math.round(pct(ttfts, 50)), p99: Math.round(pct(ttfts, 99)), max: Math.round(ttfts.at(-1) ?? NaN) },
    roundSeconds: rounds.map((r) => Number(r.seconds.toFixed(2))),
    rssMb: {
      baseline: Math.round(baseline),
      peak: Math.round(peak),
      after: Math.round(after),
      afterEachRound: rounds.map((r) => Math.round(r.rss)),
    },
    // The JS heap still in use after a forced full GC: what a leak would grow.
    heapAfterGcMb: {
      baseline: Math.round(baselineHeap),
      afterEachRound: rounds.map((r) => Math.round(r.heap)),
      after: Math.round(afterHeap),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  if (errors.length) console.error(`first errors:\n  ${[...new Set(errors)].slice(0, 5).join('\n  ')}`);

  const failures = [];
  if (errors.length) failures.push(`${errors.length} streams failed or were incomplete`);
  if (afterHeap - baselineHeap > MAX_RETAINED_MB) {
    failures.push(
      `memory did not come back: the heap holds ${Math.round(afterHeap - baselineHeap)} MB more than at baseline`,
    );
  }
  clearTimeout(watchdog);
  await stop();
  if (failures.length) {
    console.error(`FAIL: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log(`OK: ${report.streams} streams, 0 errors, heap after GC within ${MAX_RETAINED_MB} MB of baseline`);
}

await main();
