/**
 * Reading an attached file into text, in the browser (issue #19). The file never leaves the
 * device as a file: only the text we extract here goes into the user's turn.
 *
 * This module is small on purpose: it checks name, type and size on the main thread and hands
 * the bytes to a module worker (extract.worker.ts) that decodes text files (decode-text.ts) and
 * parses PDF (pdf.js, pdf.ts) and DOCX (mammoth, docx.ts). The worker and its parsers are
 * fetched only when a file is attached, so first-load JS does not grow.
 */
import type {
  AttachmentErrorCode,
  ExtractedDocument,
  ExtractRequest,
  ExtractResponse,
  ExtractResult,
  FileKind,
} from './protocol';

export type { AttachmentErrorCode, ExtractedDocument, ExtractResult, FileKind };

/**
 * 10 MiB per file. The model's window (8K tokens, ~30 KB of Japanese text) is the real limit
 * and the context meter shows it; this one only bounds what the worker is asked to parse.
 * PDFs carry fonts and images, so a 3-page PDF is often a few MB while its text is small, and
 * a 5 MB CSV exported from Excel must still open (the UI can then say it does not fit).
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

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
 * only when `signal` aborts, with the signal's reason (the worker stops reading the file).
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
    const { readDocument } = await import('../runtime/attachments/read-document');
    const { servedPdfAssets } = await import('../runtime/attachments/pdf-assets');
    return readDocument(kind, bytes, servedPdfAssets('http://localhost/'));
  }
  return inWorker(kind, bytes, signal);
}

/** How long the worker stays after its last file: files attached one after another reuse it (pdf.js loads once). */
export const WORKER_IDLE_MS = 20_000;

interface Pending {
  resolve: (result: ExtractResult) => void;
}

interface ExtractionWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: ReturnType<typeof setTimeout>;
}

let shared: ExtractionWorker | null = null;
let lastId = 0;

function end(current: ExtractionWorker) {
  current.worker.terminate();
  clearTimeout(current.idle);
  if (shared === current) shared = null;
}

/** The extraction worker, started with the first file; it ends WORKER_IDLE_MS after the last one. */
function extractionWorker(): ExtractionWorker {
  if (shared) {
    clearTimeout(shared.idle);
    return shared;
  }
  const worker = new Worker(new URL('../runtime/attachments/extract.worker.ts', import.meta.url), {
    type: 'module',
    name: 'extract',
  });
  const current: ExtractionWorker = { worker, pending: new Map() };
  worker.onmessage = (event: MessageEvent<ExtractResponse | unknown>) => {
    const data = event.data as Partial<ExtractResponse> | null;
    if (data?.type !== 'extracted' || !data.result) return; // pdf.js's own messages (extract.worker.ts)
    current.pending.get(data.id!)?.resolve(data.result);
    current.pending.delete(data.id!);
    if (current.pending.size === 0) current.idle = setTimeout(() => end(current), WORKER_IDLE_MS);
  };
  // The worker's script did not load (offline, a deploy removed it) or it died: nothing it had is read.
  worker.onerror = (event) => {
    event.preventDefault();
    end(current);
    for (const pending of current.pending.values()) pending.resolve({ ok: false, code: 'unreadable' });
  };
  shared = current;
  return current;
}

/**
 * Reads the bytes in the worker. Aborting ends the worker at once when this was its only file
 * (its CPU and memory come back now); otherwise the worker is told to drop this file, and pdf.js
 * stops at the next page.
 */
function inWorker(kind: FileKind, bytes: ArrayBuffer, signal?: AbortSignal): Promise<ExtractResult> {
  const current = extractionWorker();
  const id = ++lastId;
  return new Promise((resolve, reject) => {
    const abort = () => {
      current.pending.delete(id);
      if (current.pending.size === 0) end(current);
      else current.worker.postMessage({ cancel: id } satisfies ExtractRequest);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    current.pending.set(id, {
      resolve: (result) => {
        signal?.removeEventListener('abort', abort);
        resolve(result);
      },
    });
    current.worker.postMessage({ id, kind, bytes } satisfies ExtractRequest, [bytes]);
  });
}
