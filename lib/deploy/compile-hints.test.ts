import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT, startupChunks } from './compile-hints';

let dir: string;
function put(path: string, content: string) {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

/** A Next.js dist dir as a Turbopack build leaves it (trimmed): two routes sharing chunks, one lazy chunk. */
function fakeBuild() {
  put('build-manifest.json', JSON.stringify({ polyfillFiles: ['static/chunks/polyfill.js'], rootMainFiles: ['static/chunks/react-dom.js', 'static/chunks/turbopack-runtime.js'] }));
  const manifest = (route: string, entries: Record<string, string[]>) =>
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(route)}] = ${JSON.stringify({ moduleLoading: { prefix: '' }, entryJSFiles: entries })};\n`;
  put('server/app/[locale]/page_client-reference-manifest.js', manifest('/[locale]/page', { '[project]/app/[locale]/layout': ['static/chunks/layout.js'], '[project]/app/[locale]/page': ['static/chunks/layout.js', 'static/chunks/chat-page.js', 'static/chunks/page.css'] }));
  put('server/app/[locale]/model/page_client-reference-manifest.js', manifest('/[locale]/model/page', { '[project]/app/[locale]/model/page': ['static/chunks/model-page.js'] }));
  for (const chunk of ['polyfill', 'react-dom', 'turbopack-runtime', 'layout', 'chat-page', 'model-page', 'lazy-markdown']) put(`static/chunks/${chunk}.js`, `(globalThis.TURBOPACK||[]).push(["${chunk}"]);`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'compile-hints-'));
  fakeBuild();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('startupChunks', () => {
  it('lists the framework chunks and every route entry chunk once, not lazy chunks, polyfills or CSS', () => {
    expect(startupChunks(dir)).toEqual(['static/chunks/chat-page.js', 'static/chunks/layout.js', 'static/chunks/model-page.js', 'static/chunks/react-dom.js', 'static/chunks/turbopack-runtime.js']);
  });
});

describe('addCompileHints', () => {
  it('puts the hint on its own first line of each startup chunk and leaves the code after it unchanged', () => {
    addCompileHints(dir);
    expect(read('static/chunks/react-dom.js')).toBe(`${COMPILE_HINT}\n(globalThis.TURBOPACK||[]).push(["react-dom"]);`);
    expect(read('static/chunks/chat-page.js').startsWith(`${COMPILE_HINT}\n`)).toBe(true);
    expect(read('static/chunks/lazy-markdown.js').startsWith(COMPILE_HINT)).toBe(false);
    expect(read('static/chunks/polyfill.js').startsWith(COMPILE_HINT)).toBe(false);
  });

  it('adds it once when a build runs the hook again', () => {
    expect(addCompileHints(dir)).toHaveLength(5);
    expect(addCompileHints(dir)).toEqual([]);
    expect(read('static/chunks/layout.js').split(COMPILE_HINT)).toHaveLength(2);
  });
});
