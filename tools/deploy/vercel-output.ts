/**
 * Checks a Vercel Build Output API v3 folder (what `vercel build` writes) for what this app
 * needs on Vercel: the chat route as a streaming Node.js function with our maxDuration, every
 * other route handler on Node.js too, the proxy (middleware), the static assets and icons, and
 * no secret from the build environment anywhere in the configs.
 * Used by scripts/vercel-build.ts (part of `npm test`); unit-tested against fake folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface VercelOutputExpectations {
  /** `maxDuration` exported by app/api/chat/route.ts. */
  chatMaxDuration: number;
  /** Route handlers under app/api, e.g. ['chat', 'code-target', 'unlock']. */
  apiRoutes: string[];
  /** Files that must be served as they are, relative to static/ (e.g. 'icon.svg', 'favicon.ico'). */
  staticFiles: string[];
  /** Routes that must be built at build time (a static file or a prerendered response), with their content type. */
  routes: Record<string, string>;
  /** Strings that must appear in no config (build-time secrets). */
  secrets: string[];
}

export interface FunctionConfig {
  runtime?: string;
  maxDuration?: number;
  supportsResponseStreaming?: boolean;
  environment?: Record<string, string>;
}

export interface VercelOutputReport {
  errors: string[];
  /** runtime of the chat function, e.g. 'nodejs24.x' (what Vercel will run it on). */
  chatRuntime?: string;
  functions: number;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Every `.vc-config.json` under functions/, keyed by its function path ('api/chat.func').
 * Functions with the same code are symlinks to one folder, so links are followed.
 */
function functionConfigs(functionsDir: string, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(functionsDir)) return found;
  for (const name of readdirSync(functionsDir)) {
    const dir = join(functionsDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const rel = prefix ? `${prefix}/${name}` : name;
    if (name.endsWith('.func')) {
      const config = join(dir, '.vc-config.json');
      if (existsSync(config)) found.set(rel, config);
    } else if (!name.endsWith('.segments')) {
      for (const [k, v] of functionConfigs(dir, rel)) found.set(k, v);
    }
  }
  return found;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function checkVercelOutput(outDir: string, expect: VercelOutputExpectations): VercelOutputReport {
  const errors: string[] = [];
  const config = readJson<{ version?: number; routes?: unknown[] }>(join(outDir, 'config.json'));
  if (!config) errors.push('config.json is missing or not JSON');
  else {
    if (config.version !== 3) errors.push(`config.json: version ${config.version}, expected 3`);
    if (!Array.isArray(config.routes) || config.routes.length === 0) errors.push('config.json: no routes');
  }

  const configs = functionConfigs(join(outDir, 'functions'));
  const secretIn = (text: string) => expect.secrets.filter((s) => s && text.includes(s));
  for (const [name, file] of configs) {
    const text = readFileSync(file, 'utf8');
    for (const s of secretIn(text)) errors.push(`functions/${name}: contains the build secret ${s.slice(0, 12)}…`);
  }
  if (config)
    for (const s of secretIn(JSON.stringify(config)))
      errors.push(`config.json: contains the build secret ${s.slice(0, 12)}…`);

  let chatRuntime: string | undefined;
  for (const route of expect.apiRoutes) {
    const file = configs.get(`api/${route}.func`);
    if (!file) {
      errors.push(`functions/api/${route}.func is missing`);
      continue;
    }
    const fn = readJson<FunctionConfig>(file) ?? {};
    if (!/^nodejs\d+\.x$/.test(fn.runtime ?? '')) errors.push(`api/${route}: runtime ${fn.runtime}, expected Node.js`);
    if (route === 'chat') {
      chatRuntime = fn.runtime;
      if (fn.maxDuration !== expect.chatMaxDuration)
        errors.push(`api/chat: maxDuration ${fn.maxDuration}, expected ${expect.chatMaxDuration}`);
      if (fn.supportsResponseStreaming !== true) errors.push('api/chat: response streaming is not enabled');
    }
  }
  if (!configs.has('_middleware.func')) errors.push('functions/_middleware.func (proxy.ts) is missing');

  const staticDir = join(outDir, 'static');
  for (const file of expect.staticFiles) if (!isFile(join(staticDir, file))) errors.push(`static/${file} is missing`);
  const chunks = join(staticDir, '_next', 'static', 'chunks');
  if (!existsSync(chunks) || !readdirSync(chunks).some((f) => f.endsWith('.js')))
    errors.push('static/_next/static/chunks has no scripts');
  for (const [route, type] of Object.entries(expect.routes)) {
    if (isFile(join(staticDir, route))) continue;
    const prerender = readJson<{ fallback?: { contentType?: string; fsPath?: string } }>(
      join(outDir, 'functions', `${route}.prerender-config.json`),
    );
    const body = prerender?.fallback?.fsPath && join(outDir, 'functions', dirname(route), prerender.fallback.fsPath);
    if (!body || !isFile(body)) errors.push(`${route}: neither a static file nor prerendered at build time`);
    else if (prerender.fallback?.contentType !== type)
      errors.push(`${route}: prerendered as ${prerender.fallback?.contentType}, expected ${type}`);
  }

  return { errors, chatRuntime, functions: configs.size };
}

/** `export const maxDuration = 60;` in a route file, or undefined. */
export function exportedMaxDuration(source: string): number | undefined {
  const match = /export\s+const\s+maxDuration\s*=\s*(\d+)/.exec(source);
  return match ? Number(match[1]) : undefined;
}
