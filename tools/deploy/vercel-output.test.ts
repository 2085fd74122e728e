import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVercelOutput, exportedMaxDuration, type VercelOutputExpectations } from './vercel-output';

const EXPECT: VercelOutputExpectations = {
  chatMaxDuration: 60,
  apiRoutes: ['chat', 'unlock'],
  staticFiles: ['icon.svg'],
  routes: { 'og.png': 'image/png', 'favicon.ico': 'image/x-icon' },
  secrets: ['nvapi-SECRET-1'],
};

let dir: string;
function put(path: string, content: unknown) {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}
const nodeFn = (extra: object = {}) => ({ runtime: 'nodejs24.x', handler: 'x.cjs', environment: {}, ...extra });

/** What `vercel build` writes for a healthy build of this app (trimmed). */
function healthyOutput() {
  put('config.json', { version: 3, routes: [{ src: '/(.*)' }] });
  put('functions/api/chat.func/.vc-config.json', nodeFn({ maxDuration: 60, supportsResponseStreaming: true }));
  put('functions/api/unlock.func/.vc-config.json', nodeFn());
  put('functions/_middleware.func/.vc-config.json', { runtime: 'edge' });
  put('functions/og.png.func/.vc-config.json', nodeFn());
  // Same code, one folder: Vercel links functions to it.
  symlinkSync('og.png.func', join(dir, 'functions/og.png.rsc.func'));
  put('functions/og.png.prerender-config.json', {
    fallback: { contentType: 'image/png', fsPath: 'og.png.prerender-fallback.body' },
  });
  put('functions/og.png.prerender-fallback.body', 'png');
  put('static/icon.svg', '<svg/>');
  put('static/favicon.ico', 'ico');
  put('static/_next/static/chunks/main.js', '(globalThis.TURBOPACK||[]).push([]);');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vercel-output-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkVercelOutput', () => {
  it('accepts a healthy output and reports the chat runtime', () => {
    healthyOutput();
    expect(checkVercelOutput(dir, EXPECT)).toEqual({ errors: [], chatRuntime: 'nodejs24.x', functions: 5 });
  });

  it('flags a chat function on the edge, with another maxDuration, or without streaming', () => {
    healthyOutput();
    put('functions/api/chat.func/.vc-config.json', { runtime: 'edge', maxDuration: 10 });
    expect(checkVercelOutput(dir, EXPECT).errors).toEqual([
      'api/chat: runtime edge, expected Node.js',
      'api/chat: maxDuration 10, expected 60',
      'api/chat: response streaming is not enabled',
    ]);
  });

  it('flags missing functions, proxy, static files and routes, and a bad config.json', () => {
    healthyOutput();
    rmSync(join(dir, 'functions/api/unlock.func'), { recursive: true });
    rmSync(join(dir, 'functions/_middleware.func'), { recursive: true });
    rmSync(join(dir, 'functions/og.png.prerender-fallback.body'));
    rmSync(join(dir, 'static/icon.svg'));
    rmSync(join(dir, 'static/_next'), { recursive: true });
    put('config.json', { version: 2, routes: [] });
    expect(checkVercelOutput(dir, EXPECT).errors).toEqual([
      'config.json: version 2, expected 3',
      'config.json: no routes',
      'functions/api/unlock.func is missing',
      'functions/_middleware.func (proxy.ts) is missing',
      'static/icon.svg is missing',
      'static/_next/static/chunks has no scripts',
      'og.png: neither a static file nor prerendered at build time',
    ]);
  });

  it('flags a route prerendered with the wrong content type', () => {
    healthyOutput();
    put('functions/og.png.prerender-config.json', {
      fallback: { contentType: 'text/html', fsPath: 'og.png.prerender-fallback.body' },
    });
    expect(checkVercelOutput(dir, EXPECT).errors).toEqual(['og.png: prerendered as text/html, expected image/png']);
  });

  it('flags a build secret that reached a function config', () => {
    healthyOutput();
    put('functions/api/unlock.func/.vc-config.json', nodeFn({ environment: { KEY: 'nvapi-SECRET-1' } }));
    expect(checkVercelOutput(dir, EXPECT).errors).toEqual([
      'functions/api/unlock.func: contains the build secret nvapi-SECRET…',
    ]);
  });

  it('reports a missing output folder', () => {
    expect(checkVercelOutput(join(dir, 'nope'), EXPECT).errors[0]).toBe('config.json is missing or not JSON');
  });
});

describe('exportedMaxDuration', () => {
  it('reads the exported constant', () => {
    expect(exportedMaxDuration("export const runtime = 'nodejs';\nexport const maxDuration = 300;")).toBe(300);
    expect(exportedMaxDuration('const maxDuration = 5;')).toBeUndefined();
  });
});
