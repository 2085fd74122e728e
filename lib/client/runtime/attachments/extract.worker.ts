/**
 * The extraction worker (issue #19): a module worker that extract.ts starts with the first file
 * attached and ends a while after the last (or when the only file it reads is aborted). Text
 * decoding, pdf.js and mammoth run here, so a 100-page PDF or a 5 MB CSV never blocks the page.
 */
import type { ExtractRequest, ExtractResponse } from '../../attachments/protocol';
import { servedPdfAssets } from './pdf-assets';
import { readDocument } from './read-document';

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
