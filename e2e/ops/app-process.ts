import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * Test support: the production server (`node server.ts`, the build in NEXT_DIST_DIR) as a
 * process of the test's own, on a free port, and replies read from it as the browser would.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const MODEL = 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves once the output matches (rejects if the process exits first). */
  printed(pattern: RegExp): Promise<void>;
}

export interface StartOptions {
  /** Where server.ts is (the repo, or a folder laid out as the image: standalone.spec.ts). */
  cwd?: string;
  /** Arguments to node (default: server.ts on 127.0.0.1 and the port, as flags). */
  args?: (port: number) => string[];
  /** A port of the test's choosing (a restarted instance takes its predecessor's). */
  port?: number;
}

export async function startApp(env: Record<string, string>, options: StartOptions = {}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const args = options.args?.(port) ?? ['server.ts', '-H', '127.0.0.1', '-p', String(port)];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NVIDIA_API_KEY: '',
      SWALLOW_API_KEY: '',
      ACCESS_CODE: '',
      REDIS_URL: '',
      TRUST_PROXY: '',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_CONCURRENT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const check of [...waiters]) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      void exited.then((code) => {
        if (waiters.delete(check)) reject(new Error(`server exited (${code}) before printing ${pattern}:\n${out}`));
      });
      check();
    });
  await printed(/> Swallow Chat on http/);
  return { url: `http://127.0.0.1:${port}`, child, exited, output: () => out, printed };
}

/** Stops a process the test started, if it still runs. */
export function stopApp(app: AppProcess | undefined): void {
  if (app && app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
}

export const chatBody = (content: string) => ({
  messages: [{ role: 'user', content }],
  model: MODEL,
  system: '',
  temperature: 0.6,
  top_p: 0.9,
  max_tokens: 64,
});

export interface ReplyPart {
  type: string;
  delta?: string;
  errorText?: string;
}

/** A streaming chat reply, read part by part: the time each arrived, and the text so far. */
export async function openReply(baseUrl: string, content: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(content)),
  });
  const parts: { part: ReplyPart; at: number }[] = [];
  const listeners = new Set<() => void>();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    const reader = response.body!.getReader();
    for (;;) {
      const { done: finished, value: bytes } = await reader.read();
      if (finished) break;
      buffer += decoder.decode(bytes, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (event.startsWith('data: ') && event !== 'data: [DONE]')
          parts.push({ part: JSON.parse(event.slice(6)) as ReplyPart, at: performance.now() - started });
      }
      for (const listener of [...listeners]) listener();
    }
    return parts.map(({ part }) => part);
  })();
  const text = () =>
    parts
      .filter(({ part }) => part.type === 'text-delta')
      .map(({ part }) => part.delta)
      .join('');
  /** Resolves once a text delta has arrived: ms from the request to it. */
  const firstToken = () =>
    new Promise<number>((resolve, reject) => {
      const check = () => {
        const first = parts.find(({ part }) => part.type === 'text-delta');
        if (!first) return;
        listeners.delete(check);
        resolve(first.at);
      };
      listeners.add(check);
      done.then(() => listeners.has(check) && reject(new Error('the reply ended without text')), reject);
      check();
    });
  return { response, done, text, firstToken };
}
