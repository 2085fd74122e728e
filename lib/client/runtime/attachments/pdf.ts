/**
 * The text layer of a PDF, page by page, with pdf.js (issue #19). Runs inside the extraction
 * worker (extract.worker.ts); never on the page's main thread.
 *
 * - pdf.js's own worker code is bundled into our worker and runs there as its "fake worker"
 *   (globalThis.pdfjsWorker): the parsing is off the main thread already, the code comes from
 *   our origin with the app's other hashed chunks, and library and worker can never be of two
 *   versions.
 * - Japanese PDFs that use Adobe's predefined CMaps (90ms-RKSJ-H, UniJIS-UCS2-H, ... with fonts
 *   not embedded: what Word and older tools write) need the binary CMaps; the app serves them,
 *   and the standard fonts, from /pdfjs/ (copied from pdfjs-dist at build time by
 *   scripts/pdfjs-assets.ts).
 * - `useWasm: false`: pdf.js 5.7+ has no eval any more (the `isEvalSupported` option is gone);
 *   its remaining dynamic code is WebAssembly (image decoders, PostScript functions), which a
 *   strict CSP refuses and text extraction does not need.
 */
import * as pdfjs from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import type { ExtractResult } from '../../attachments/protocol';
import type { PdfAssets } from './pdf-assets';

let workerCode: Promise<unknown> | undefined;

/** Rejects with the signal's reason when it aborts (checked between pages). */
export async function extractPdf(data: Uint8Array, assets: PdfAssets, signal?: AbortSignal): Promise<ExtractResult> {
  // Sets globalThis.pdfjsWorker, which pdf.js then runs in this thread.
  workerCode ??= import('pdfjs-dist/build/pdf.worker.min.mjs');
  await workerCode;
  const task = pdfjs.getDocument({
    data,
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    // Over HTTP the pdf.js worker side fetches them itself (its default needs `document`, which
    // a worker has not); in Node they are files.
    useWorkerFetch: /^https?:/.test(assets.cMapUrl),
    useWasm: false,
    // Text only: no fonts to load, no canvases, no system fonts to look up.
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc: pdfjs.PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      return { ok: false, code: errorName(error) === 'PasswordException' ? 'pdf_encrypted' : 'pdf_corrupt' };
    }
    const pages: string[] = [];
    try {
      for (let number = 1; number <= doc.numPages; number++) {
        signal?.throwIfAborted();
        const page = await doc.getPage(number);
        pages.push(pageText(await page.getTextContent()));
        page.cleanup();
      }
    } catch {
      signal?.throwIfAborted();
      return { ok: false, code: 'pdf_corrupt' };
    }
    if (!pages.some((text) => text.trim() !== '')) return { ok: false, code: 'pdf_no_text' };
    return { ok: true, document: { kind: 'pdf', text: pages.join('\n\n'), pages } };
  } finally {
    await task.destroy();
  }
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

/**
 * Kangxi radicals (U+2F00-U+2FDF) and CJK radical supplements, as the ideographs they look like.
 * A subset font's ToUnicode map can name the radical code point where the text had the ideograph:
 * Chromium's PDFs of Noto Sans CJK text give 本⽇ (U+2F47) for 本日, because the font maps both to
 * one glyph. Nobody writes the radicals as text; NFKC maps each to its ideograph.
 */
const KANGXI_RADICALS = /[\u2e80-\u2eff\u2f00-\u2fdf]/g;

/** A page's text: runs joined, a line break where pdf.js saw the end of a line, no trailing blanks. */
export function pageText(content: TextContent): string {
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text
    .replace(KANGXI_RADICALS, (radical) => radical.normalize('NFKC'))
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
