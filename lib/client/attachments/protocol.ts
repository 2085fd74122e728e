/**
 * What an attached file is read into, and the messages between the page (extract.ts) and the
 * extraction worker (lib/client/runtime/attachments/extract.worker.ts). Both sides import it; it
 * imports nothing, so neither side imports the other.
 */
export const ATTACHMENT_ERROR_CODES = [
  'unsupported_type',
  'too_large',
  'binary',
  'unreadable',
  'pdf_encrypted',
  'pdf_corrupt',
  'pdf_no_text',
  'docx_corrupt',
] as const;

/**
 * Each has a message at `attachments.errors.<code>` in messages/*.json, with {name} (the file's)
 * and, for too_large, {limit} (MAX_ATTACHMENT_BYTES as the UI shows sizes, e.g. "10 MB").
 */
export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

export interface ExtractedDocument {
  /** Whole text, line endings normalised to \n. */
  text: string;
  kind: 'text' | 'pdf' | 'docx';
  /** PDF: text per page (so the UI can keep only some pages). */
  pages?: string[];
  /** Text files: the encoding detected, e.g. 'shift_jis', 'utf-8', 'utf-16le', 'euc-jp'. */
  encoding?: string;
}

export type ExtractResult =
  { ok: true; document: ExtractedDocument } | { ok: false; code: AttachmentErrorCode; limitBytes?: number };

export type FileKind = 'text' | 'pdf' | 'docx';

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
