/**
 * The extraction worker (issue #19): a module worker that extract.ts starts for one file and
 * ends when that file is read (or the read is aborted). Text decoding, pdf.js and mammoth run
 * here, so a 100-page PDF or a 5 MB CSV never blocks the page.
 */
import type { FileKind } from './extract';
import { servedPdfAssets } from './pdf-assets';
import { readDocument } from './read-document';

export interface ExtractRequest {
  kind: FileKind;
  bytes: ArrayBuffer;
}

self.onmessage = async (event: MessageEvent<ExtractRequest>) => {
  const { kind, bytes } = event.data;
  const result = await readDocument(kind, bytes, servedPdfAssets(self.location.origin)).catch(
    () => ({ ok: false, code: 'unreadable' }) as const,
  );
  self.postMessage(result);
};
