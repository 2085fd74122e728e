/**
 * Reading an attached file into text, in the browser (issue #19). The file never leaves the
 * device as a file: only the text we extract here goes into the user's turn.
 *
 * This module is small on purpose: it checks name, type and size on the main thread and hands
 * the bytes to a module worker (extract.worker.ts) that decodes text files (decode-text.ts) and
 * parses PDF (pdf.js, pdf.ts) and DOCX (mammoth, docx.ts). The worker and its parsers are
 * fetched only when a file is attached, so first-load JS does not grow.
 */
import type { ExtractRequest } from './extract.worker';

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

/** Each has a message at `attachments.errors.<code>` in messages/*.json (values: attachmentErrorValues). */
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

/**
 * 10 MiB per file. The model's window (8K tokens, ~30 KB of Japanese text) is the real limit
 * and the context meter shows it; this one only bounds what the worker is asked to parse.
 * PDFs carry fonts and images, so a 3-page PDF is often a few MB while its text is small, and
 * a 5 MB CSV exported from Excel must still open (the UI can then say it does not fit).
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The values an error's message takes: too_large names the limit, in MB ({limitMB}). */
export function attachmentErrorValues(result: { limitBytes?: number }): { limitMB: number } {
  return { limitMB: Math.round(((result.limitBytes ?? MAX_ATTACHMENT_BYTES) / 1024 / 1024) * 10) / 10 };
}

export type FileKind = 'text' | 'pdf' | 'docx';

const TEXT_EXTENSIONS = new Set([
  // documents and data
  'txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'json', 'jsonl', 'ndjson', 'html', 'htm', 'xml',
  'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'env', 'log', 'rst', 'tex', 'srt', 'vtt', 'svg',
  // source code
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte', 'astro', 'css', 'scss',
  'sass', 'less', 'py', 'pyi', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle',
  'swift', 'm', 'mm', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'fs', 'vb', 'php', 'pl',
  'pm', 'lua', 'r', 'jl', 'dart', 'ex', 'exs', 'erl', 'hs', 'ml', 'clj', 'elm', 'zig', 'nim',
  'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'sql', 'graphql', 'gql', 'proto', 'tf',
  'hcl', 'properties', 'diff', 'patch', 'ipynb',
]); // prettier-ignore

/** Files known by their whole name, without an extension worth reading. */
const TEXT_NAMES = new Set(['dockerfile', 'makefile', 'readme', 'license', 'gemfile', 'procfile', 'jenkinsfile']);

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-ndjson|javascript|x-sh|sql|x-yaml|yaml|toml)\b)/;

/** Which parser a file goes to, or null when we do not read it. By extension first, then MIME type. */
export function fileKind(name: string, type: string): FileKind | null {
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  if (!ext && TEXT_NAMES.has(base)) return 'text';
  if (ext) {
    // A known binary office/image/archive extension is not text, whatever the type says.
    if (
      /^(doc|xls|xlsx|ppt|pptx|odt|ods|rtf|pages|key|numbers|zip|gz|7z|rar|exe|dll|png|jpe?g|gif|webp|heic|mp[34]|mov|wav)$/.test(
        ext,
      )
    )
      return null;
  }
  const mime = type.toLowerCase();
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (TEXT_TYPES.test(mime)) return 'text';
  return null;
}

export function isSupportedFile(name: string, type: string): boolean {
  return fileKind(name, type) !== null;
}

/**
 * Reads one file. Never rejects for a bad file (that is an ExtractResult with a code); rejects
 * only when `signal` aborts, with the signal's reason (the worker is ended at once).
 */
export async function extractFile(file: File, signal?: AbortSignal): Promise<ExtractResult> {
  signal?.throwIfAborted();
  const kind = fileKind(file.name, file.type);
  if (!kind) return { ok: false, code: 'unsupported_type' };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, code: 'too_large', limitBytes: MAX_ATTACHMENT_BYTES };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return { ok: false, code: 'unreadable' };
  }
  signal?.throwIfAborted();
  if (typeof Worker === 'undefined') {
    // No workers (Node: tests, scripts): the same code in this thread. CMaps are not served here.
    const { readDocument } = await import('./read-document');
    const { servedPdfAssets } = await import('./pdf-assets');
    return readDocument(kind, bytes, servedPdfAssets('http://localhost/'));
  }
  return inWorker(kind, bytes, signal);
}

/** One worker per file: it starts when the file is attached and ends with its result, freeing the parsers' memory. */
function inWorker(kind: FileKind, bytes: ArrayBuffer, signal?: AbortSignal): Promise<ExtractResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./extract.worker.ts', import.meta.url), { type: 'module', name: 'extract' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (event: MessageEvent<ExtractResult>) => {
      end();
      resolve(event.data);
    };
    // The worker's script did not load (offline, a deploy removed it) or threw outside the parsers.
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      resolve({ ok: false, code: 'unreadable' });
    };
    worker.postMessage({ kind, bytes } satisfies ExtractRequest, [bytes]);
  });
}
