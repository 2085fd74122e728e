/**
 * 5. Page weight and start: first-load JavaScript of the chat page (gzip), and whether pages
 *    are still compressed for the browser. (server start time is measured in run.ts.)
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { FIRST_LOAD_JS_BUDGET_BYTES, scriptUrls } from '../tools/deploy/first-load-js';
import { row, type Row } from './lib/table';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; encoding: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: (res.headers['content-encoding'] as string) ?? null,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'ja' };

export async function pageWeight(appUrl: string): Promise<{ rows: Row[]; raw: object }> {
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  for (const locale of ['ja', 'en']) {
    const page = await get(`${appUrl}/${locale}`, BROWSER);
    const html = (
      page.encoding === 'gzip'
        ? zlib.gunzipSync(page.body)
        : page.encoding === 'br'
          ? zlib.brotliDecompressSync(page.body)
          : page.body
    ).toString('utf8');
    const scripts = scriptUrls(html);
    let gzipBytes = 0;
    for (const src of scripts) {
      const script = await get(new URL(src, appUrl).href);
      gzipBytes += zlib.gzipSync(script.body, { level: 9 }).length;
    }
    raw[locale] = { htmlEncoding: page.encoding, scripts: scripts.length, gzipBytes };
    rows.push(
      row({
        figure: `/${locale} first-load JS (gzip)`,
        unit: 'KB',
        ours: gzipBytes / 1024,
        reference: 200,
        ratio: null,
        target: '≤ 200 KB',
        pass: gzipBytes <= FIRST_LOAD_JS_BUDGET_BYTES,
        note: `${scripts.length} scripts`,
      }),
      row({
        figure: `/${locale} HTML compressed for the browser`,
        unit: '',
        ours: page.encoding ?? 'none',
        reference: 'gzip|br',
        ratio: null,
        target: 'compressed',
        pass: page.encoding === 'gzip' || page.encoding === 'br',
      }),
    );
  }
  return { rows, raw };
}
