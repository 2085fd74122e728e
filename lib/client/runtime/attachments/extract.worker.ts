/**
 * The extraction worker (issue #19): a module worker that extract.ts starts with the first file
 * attached and ends a while after the last (or when the only file it reads is aborted). Text
 * decoding, pdf.js and mammoth run here, so a 100-page PDF or a 5 MB CSV never blocks the page.
 */
import type { ExtractResult, FileKind } from '../../attachments/extract';
import { servedPdfAssets } from './pdf-assets';
import { readDocument } from './read-document';

/** Read a file (`id` names the answer), or stop reading one. */
export type ExtractRequest = { id: number; kind: FileKind; bytes: ArrayBuffer } | { cancel: number };

/**
 * What this worker answers. Tagged, because pdf.js's worker code, once imported (pdf.ts), also
 * talks on this worker's port: seeing itself in a worker, it sets up a message handler there
 * and posts {action: 'ready'} to the page. It ignores our messages (not addressed to it) and
 * extract.ts ignores its; the handler pdf.ts uses is the in-thread one.
 */
export interface ExtractResponse {
  type: 'extracted';
  id: number;
  result: ExtractResult;
}

const reading = new Map<number, AbortController>();

self.onmessage = async (event: MessageEvent<ExtractRequest>) => {
  const request = event.data;
  if ('cancel' in request) {
    reading.get(request.cancel)?.abort();
    return;
  }
  const { id, kind, bytes } = request;
  const controller = new AbortController();
  reading.set(id, controller);
  const result = await readDocument(kind, bytes, servedPdfAssets(self.location.origin), controller.signal).catch(
    () => ({ ok: false, code: 'unreadable' }) as const,
  );
  reading.delete(id);
  if (!controller.signal.aborted) self.postMessage({ type: 'extracted', id, result } satisfies ExtractResponse);
};
