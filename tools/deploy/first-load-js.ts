import { gzipSync } from 'node:zlib';

/** What a page may make a visitor download in JavaScript before they do anything (gzip -9). */
export const FIRST_LOAD_JS_BUDGET_BYTES = 200 * 1024;

/** Scripts a page loads on first visit: <script src> and module preloads in its HTML. */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  // noModule scripts are polyfills that modern browsers skip.
  for (const [tag] of html.matchAll(/<script[^>]*>/g)) {
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    if (src && !/nomodule/i.test(tag)) urls.add(src);
  }
  for (const match of html.matchAll(/<link[^>]*rel="(?:modulepreload|preload)"[^>]*href="([^"]+\.js[^"]*)"/g)) {
    urls.add(match[1]);
  }
  return [...urls].map((u) => u.replace(/&amp;/g, '&'));
}

export interface FirstLoadJs {
  scripts: string[];
  /** The scripts' size, each compressed with gzip -9. */
  gzipBytes: number;
}

/** The first-load JavaScript of the page at `pageUrl`, as a browser asking in `locale` gets it. */
export async function firstLoadJs(pageUrl: string, locale: string): Promise<FirstLoadJs> {
  const page = await fetch(pageUrl, { headers: { 'accept-language': locale } });
  if (!page.ok) throw new Error(`${pageUrl}: HTTP ${page.status}`);
  const scripts = scriptUrls(await page.text());
  let gzipBytes = 0;
  for (const src of scripts) {
    const script = await fetch(new URL(src, pageUrl));
    if (!script.ok) throw new Error(`${src}: HTTP ${script.status}`);
    gzipBytes += gzipSync(Buffer.from(await script.arrayBuffer()), { level: 9 }).length;
  }
  return { scripts, gzipBytes };
}
