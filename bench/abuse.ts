/**
 * Requests built to cost the server CPU (issue 17 items 1 and 2), each next to an ordinary
 * request of the same kind in the same run:
 * 1. One /api/chat body of 31 messages of 31,000 `a` (~940 KiB): server CPU per request, against
 *    the same size of English prose; and a normal chat's time to first token while two of them
 *    run, against the same chat alone.
 * 2. A client over its rate limit: server CPU per refusal (429) of a 1 MiB body, against a tiny
 *    body. A second app, started here with RATE_LIMIT_PER_MINUTE=1 on BENCH_APP_PORT + 1 (every
 *    bench request comes from 127.0.0.1: one client).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp, type BenchConfig } from './lib/app-server';
import { cpuMs } from './lib/proc';
import { MODEL, streamChat, type Target } from './lib/sse-client';
import { median } from './lib/stats';
import { row, type Row } from './lib/table';

const MESSAGES = 31;
const MESSAGE_CHARS = 31_000;

/** A chat body of `contents`; the newest asks the fake upstream for an empty reply. */
function chatBody(contents: string[]): string {
  const messages = contents.map((content, i) => ({
    role: 'user',
    content: i === contents.length - 1 ? `[[scenario:empty]] ${content}` : content,
  }));
  return JSON.stringify({ model: MODEL, temperature: 0.6, top_p: 0.9, max_tokens: 512, system: '', messages });
}

/**
 * English prose (the project's own documentation) of the same total size, no slice repeated
 * back to back. The newest message is half as long, so that it fits the window (31,000
 * characters of it are ~7,700 tokens) and the request is accepted, as the "a" one is.
 */
function englishContents(appDir: string): string[] {
  const docs = [
    'README.md',
    'bench/README.md',
    'bench/HISTORY.md',
    ...['architecture', 'security', 'performance', 'japanese', 'upgrading', 'internals'].map((d) => `docs/${d}.md`),
  ]
    .map((file) => readFileSync(path.join(appDir, file), 'utf8'))
    .join('\n\n');
  const newest = MESSAGE_CHARS / 2;
  const older = Math.round((MESSAGES * MESSAGE_CHARS - newest) / (MESSAGES - 1));
  return Array.from({ length: MESSAGES }, (_, i) => {
    const start = (i * 7_919) % docs.length;
    return (docs + docs).slice(start, start + (i === MESSAGES - 1 ? newest : older)).trim();
  });
}

interface Posted {
  status: number;
  ms: number;
  error: string | null;
}

/**
 * POSTs `body` (on a connection of its own unless `agent` keeps one alive) and reads the whole
 * response. A server that answers before reading the body may close the connection while it is
 * still being sent: the answer counts, the write error does not.
 */
function post(url: string, body: string, agent: http.Agent | false = false): Promise<Posted> {
  return new Promise((resolve) => {
    const start = performance.now();
    let status = 0;
    let done = false;
    const finish = (error: string | null) => {
      if (done) return;
      done = true;
      resolve({ status, ms: performance.now() - start, error: status ? null : error });
    };
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => finish(null));
        res.on('error', (error) => finish(error.message));
      },
    );
    req.on('error', (error) => {
      // The response may still be on its way after a reset of the upload.
      setTimeout(() => finish(error.message), status ? 0 : 200);
    });
    req.end(body);
  });
}

/** Server CPU per request over `n` requests in a row (ms), and their statuses. */
async function cpuPerRequest(
  url: string,
  body: string,
  n: number,
  pids: () => number[],
  agent: http.Agent | false = false,
) {
  const statuses: Record<string, number> = {};
  const before = cpuMs(pids());
  for (let i = 0; i < n; i++) {
    const result = await post(url, body, agent);
    const key = result.error ? `error ${result.error}` : String(result.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return { cpuMs: (cpuMs(pids()) - before) / n, statuses };
}

const statusText = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');

const kib = (body: string) => `${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`;

/** 1: the pathological body, against English prose of the same size. */
async function pathologicalBody(app: Target, pids: () => number[], config: BenchConfig, quick: boolean) {
  const url = `${app.baseUrl}/api/chat`;
  const runs = quick ? 1 : 3;
  const perRun = 5;
  const aaa = chatBody(Array.from({ length: MESSAGES }, (_, i) => `${i} ${'a'.repeat(MESSAGE_CHARS - 3)}`));
  const english = chatBody(englishContents(config.appDir));
  // The first request loads the tokenizer (~1.4 s); V8 optimises the counting over the next few.
  for (let i = 0; i < 3; i++) await Promise.all([post(url, aaa), post(url, english)]);
  const ours: number[] = [];
  const reference: number[] = [];
  const statuses: Record<string, number>[] = [];
  for (let r = 0; r < runs; r++) {
    const a = await cpuPerRequest(url, aaa, perRun, pids);
    const e = await cpuPerRequest(url, english, perRun, pids);
    ours.push(a.cpuMs);
    reference.push(e.cpuMs);
    statuses.push(a.statuses, e.statuses);
  }

  // A normal chat while two pathological requests are being handled, against the same alone.
  const alone: number[] = [];
  const loaded: number[] = [];
  const chatErrors: string[] = [];
  for (let i = 0; i < (quick ? 3 : 5); i++) {
    const a = await streamChat(app, `[[scenario:paced]] alone ${i}`, { stopAfter: 1, ownConnection: true });
    const heavy = [post(url, aaa), post(url, aaa)];
    await new Promise((resolve) => setTimeout(resolve, 20)); // both bodies on their way
    const b = await streamChat(app, `[[scenario:paced]] loaded ${i}`, { stopAfter: 1, ownConnection: true });
    await Promise.all(heavy);
    alone.push(a.ttftMs);
    loaded.push(b.ttftMs);
    for (const r of [a, b]) if (r.error) chatErrors.push(r.error);
  }

  const cpu = median(ours);
  const ttft = median(loaded);
  const ttftAlone = median(alone);
  return {
    rows: [
      row({
        figure: `server CPU, one /api/chat of ${MESSAGES} × ${MESSAGE_CHARS.toLocaleString('en')} "a" (${kib(aaa)})`,
        unit: 'ms',
        ours: cpu,
        reference: median(reference),
        target: '≤ 100 ms',
        pass: cpu <= 100,
        note: `reference: English prose, ${kib(english)}; median of ${runs} runs of ${perRun} requests in a row after 3 warm-up pairs: ours ${ours.map((v) => v.toFixed(1)).join(', ')}, reference ${reference.map((v) => v.toFixed(1)).join(', ')}; ${statuses.map(statusText).join(' / ')}`,
      }),
      row({
        figure: 'time to first token while 2 such requests run',
        unit: 'ms',
        ours: ttft,
        reference: ttftAlone,
        target: '≤ alone + 100 ms',
        pass: ttft <= ttftAlone + 100 && chatErrors.length === 0,
        note: `paced (first token at 50 ms), sent 20 ms after the two; reference: the same chat alone; loaded ${loaded.map((v) => v.toFixed(0)).join(', ')} ms, alone ${alone.map((v) => v.toFixed(0)).join(', ')} ms${chatErrors.length ? `; errors: ${chatErrors[0]}` : ''}`,
      }),
    ],
    raw: { ours, reference, statuses, alone, loaded, chatErrors },
  };
}

/**
 * 2: refusals of a client over its rate limit, 1 MiB body against a tiny one, each on a new
 * connection and on one kept alive (Node then reads the unread body to reuse the connection).
 */
async function refusals(config: BenchConfig, quick: boolean) {
  const limited = await startApp(config, { port: config.appPort + 1, env: { RATE_LIMIT_PER_MINUTE: '1' } });
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const url = `${limited.url}/api/chat`;
    const tiny = chatBody(['hi']);
    const filler = 'a'.repeat(31_700);
    const big = chatBody(Array.from({ length: 33 }, (_, i) => `${i}${filler}`));
    const first = await post(url, tiny); // the minute's one request
    const n = quick ? 50 : 150;
    for (let i = 0; i < 10; i++) for (const agent of [false, keepAlive] as const) await post(url, big, agent);
    const started = performance.now();
    const runs = [];
    for (const agent of [false, keepAlive] as const)
      runs.push({
        big: await cpuPerRequest(url, big, n, limited.pids, agent),
        tiny: await cpuPerRequest(url, tiny, n, limited.pids, agent),
      });
    const seconds = (performance.now() - started) / 1000;
    const rows = runs.map(({ big: b, tiny: t }, i) =>
      row({
        figure: `server CPU per refused request over the rate limit, ${kib(big)} body, ${i === 0 ? 'new connections' : 'one kept-alive connection'}`,
        unit: 'ms',
        ours: b.cpuMs,
        reference: t.cpuMs,
        target: '≤ 2 ms',
        pass: b.cpuMs <= 2 && b.statuses['429'] === n && t.statuses['429'] === n,
        note: `reference: the same refusal of a ${Buffer.byteLength(tiny)}-byte body; ${n} of each in a row on an app with RATE_LIMIT_PER_MINUTE=1 (first request: ${first.status}; all four series ${seconds.toFixed(1)} s); ${kib(big)}: ${statusText(b.statuses)}; tiny: ${statusText(t.statuses)}`,
      }),
    );
    return { rows, raw: { first, runs, bigBytes: Buffer.byteLength(big) } };
  } finally {
    keepAlive.destroy();
    await limited.stop();
  }
}

export async function abuse(
  app: Target,
  pids: () => number[],
  config: BenchConfig,
  quick: boolean,
): Promise<{ rows: Row[]; raw: object }> {
  const body = await pathologicalBody(app, pids, config, quick);
  const refused = await refusals(config, quick);
  return { rows: [...body.rows, ...refused.rows], raw: { body: body.raw, refused: refused.raw } };
}
