/**
 * Bytes of an attached file to an ExtractResult, by the parser its kind needs. What the
 * extraction worker runs (extract.worker.ts); the parsers are imported only for their kind.
 */
import { decodeText } from '../../attachments/decode-text';
import type { ExtractResult, FileKind } from '../../attachments/protocol';
import type { PdfAssets } from './pdf-assets';

export async function readDocument(
  kind: FileKind,
  bytes: ArrayBuffer,
  pdfAssets: PdfAssets,
  signal?: AbortSignal,
): Promise<ExtractResult> {
  if (kind === 'pdf') return (await import('./pdf')).extractPdf(new Uint8Array(bytes), pdfAssets, signal);
  if (kind === 'docx') return (await import('./docx')).extractDocx(bytes);
  const decoded = decodeText(new Uint8Array(bytes));
  if (!decoded.ok) return { ok: false, code: 'binary' };
  return { ok: true, document: { kind: 'text', text: decoded.text, encoding: decoded.encoding } };
}
