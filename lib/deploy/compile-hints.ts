/**
 * Explicit JavaScript compile hints for the scripts every page runs at startup.
 *
 * V8 compiles a function the first time it is called, on the main thread. Starting the page
 * calls most of what React DOM, Next's router and our entry chunks contain, so that compiling
 * was ~45 ms of the page's main thread here (the largest part of Lighthouse's blocking time).
 * A script starting with `//# allFunctionsCalledOnLoad` is compiled eagerly by Chromium
 * (136 and later) on the background thread that streams it from the network; other browsers
 * read a comment. Only the chunks a page loads at startup get it: chunks fetched later by
 * `import()` keep compiling lazily, so nothing unused is compiled.
 *
 * Run from next.config.ts (`compiler.runAfterProductionCompile`), so `next build`, `vercel build`
 * and every script that builds get it. Adding a line at the top leaves the chunk's name valid:
 * the same build always gives the same file, and no browser source maps are emitted.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

function clientReferenceManifests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return clientReferenceManifests(path);
    return entry.name.endsWith('_client-reference-manifest.js') ? [path] : [];
  });
}

/** The entry chunks of every app route's layouts and page, from its client reference manifest. */
function entryChunks(manifestFile: string): string[] {
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route]; run it in an empty context.
  const context: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  runInNewContext(readFileSync(manifestFile, 'utf8'), context, { timeout: 1000 });
  return Object.values(context.__RSC_MANIFEST ?? {}).flatMap((manifest) => Object.values(manifest.entryJSFiles ?? {}).flat());
}

/** Chunks (paths relative to distDir, e.g. 'static/chunks/abc.js') that pages load at startup. */
export function startupChunks(distDir: string): string[] {
  const buildManifest = JSON.parse(readFileSync(join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const chunks = new Set(buildManifest.rootMainFiles ?? []);
  for (const manifest of clientReferenceManifests(join(distDir, 'server', 'app'))) {
    for (const chunk of entryChunks(manifest)) chunks.add(chunk);
  }
  return [...chunks].filter((chunk) => chunk.endsWith('.js')).sort();
}

/** Puts the hint at the top of each startup chunk (once). Returns the chunks it changed. */
export function addCompileHints(distDir: string): string[] {
  const changed: string[] = [];
  for (const chunk of startupChunks(distDir)) {
    const file = join(distDir, chunk);
    const code = readFileSync(file, 'utf8');
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, `${COMPILE_HINT}\n${code}`);
    changed.push(chunk);
  }
  return changed;
}
