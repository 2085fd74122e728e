/**
 * Builds and starts the production app for the bench (`next build` / `server.ts` in their own
 * dist folder and port), and the fake upstream in a child process of its own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { processTree } from './proc';
import { mountBenchRoutes } from '../../tools/bench-routes/mount';

const require = createRequire(import.meta.url);

export interface BenchConfig {
  appDir: string;
  distDir: string;
  appPort: number;
  upstreamPort: number;
  /** Extra node flags for the server, e.g. --cpu-prof. */
  serverNodeArgs: string[];
}

export function benchConfig(env = process.env): BenchConfig {
  return {
    appDir: path.resolve(env.BENCH_APP_DIR ?? process.cwd()),
    distDir: env.NEXT_DIST_DIR ?? '.next-h8',
    appPort: Number(env.BENCH_APP_PORT ?? 3600),
    upstreamPort: Number(env.BENCH_UPSTREAM_PORT ?? 4600),
    serverNodeArgs: (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  };
}

function nextBin(appDir: string): string {
  return require.resolve('next/dist/bin/next', { paths: [appDir] });
}

/**
 * `next build` with the bench's reference routes mounted (tools/bench-routes/mount.ts), which it
 * takes out again; restores tsconfig.json afterwards (Next adds the dist folder's types to it).
 */
export function build(config: BenchConfig): void {
  const tsconfig = path.join(config.appDir, 'tsconfig.json');
  const before = readFileSync(tsconfig, 'utf8');
  const unmount = mountBenchRoutes(config.appDir);
  try {
    const result = spawnSync(process.execPath, [nextBin(config.appDir), 'build'], {
      cwd: config.appDir,
      // SWALLOW_BENCH_ROUTES: the bench's reference routes are routes in this build (and only in it).
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: config.distDir, SWALLOW_BENCH_ROUTES: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  } finally {
    unmount();
    if (readFileSync(tsconfig, 'utf8') !== before) writeFileSync(tsconfig, before);
  }
}

export interface RunningProcess {
  child: ChildProcess;
  url: string;
  /** The spawned pid and its descendants (the server may fork). */
  pids: () => number[];
  stop: () => Promise<void>;
}

async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await delay(10);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function running(child: ChildProcess, url: string): RunningProcess {
  return {
    child,
    url,
    pids: () => processTree(child.pid!),
    // The whole tree: `next start` runs the server in a child of its own, which outlives a
    // SIGTERM to its parent and would answer the next run's requests with an old build.
    stop: async () => {
      const tree = processTree(child.pid!);
      const signal = (name: NodeJS.Signals) =>
        tree.forEach((pid) => {
          try {
            process.kill(pid, name);
          } catch {
            // already gone
          }
        });
      const exited = child.exitCode !== null ? Promise.resolve() : once(child, 'exit');
      signal('SIGTERM');
      const killer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      for (let i = 0; i < 50 && tree.some(alive); i++) await delay(100);
      signal('SIGKILL');
    },
  };
}

/** The fake upstream (with the bench scenarios), in its own process. */
export async function startUpstream(config: BenchConfig): Promise<RunningProcess> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'upstream-process.mjs')], {
    cwd: config.appDir,
    env: { ...process.env, FAKE_UPSTREAM_PORT: String(config.upstreamPort), BENCH_APP_DIR: config.appDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${config.upstreamPort}`;
  await waitFor200(`${url}/health`, child, 10_000);
  return running(child, url);
}

export const appEnv = (config: BenchConfig): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_DIST_DIR: config.distDir,
  NVIDIA_API_KEY: '',
  SWALLOW_API_KEY: '',
  SWALLOW_BASE_URL: `http://127.0.0.1:${config.upstreamPort}/v1`,
  SWALLOW_CONTEXT_TOKENS: '8192',
  ACCESS_CODE: '',
  REDIS_URL: '',
  // Every bench client is 127.0.0.1: per-client limits would cap the capacity run.
  RATE_LIMIT_PER_MINUTE: '0',
  RATE_LIMIT_CONCURRENT: '0',
  // The reference routes of bench/token-cost.ts answer (tools/bench-routes/reference-routes.ts).
  SWALLOW_BENCH_ROUTES: '1',
});

/**
 * The production server (server.ts, as `npm run start:prod`), timed from spawn to the first 200 on /ja.
 * `port` and `env` start another one next to it, e.g. with a rate limit (bench/abuse.ts).
 */
export async function startApp(
  config: BenchConfig,
  { port = config.appPort, env = {} }: { port?: number; env?: Record<string, string> } = {},
): Promise<RunningProcess & { readyMs: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...config.serverNodeArgs, path.join(config.appDir, 'server.ts'), '-H', '127.0.0.1', '-p', String(port)],
    { cwd: config.appDir, env: { ...appEnv(config), ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor200(`${url}/ja`, child, 30_000);
  return { ...running(child, url), readyMs: performance.now() - started };
}

/**
 * The Lighthouse bench's reference (bench/floor-app): a bare App Router page with one client
 * component, built and served by `next start` with the app's own Next.js and React.
 */
export async function startFloorApp(port: number): Promise<RunningProcess> {
  const appDir = path.join(import.meta.dirname, '..', 'floor-app');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  const result = spawnSync(process.execPath, [nextBin(appDir), 'build'], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`next build of bench/floor-app failed (exit ${result.status})`);
  const child = spawn(process.execPath, [nextBin(appDir), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor200(`${url}/`, child, 30_000);
  return running(child, url);
}
