import { MAX_DOCUMENT_CHARS, MAX_DOCUMENTS } from '@/lib/shared/model/profile';
import { documentBlock } from '@/lib/shared/ai/turns';
import { createStore } from '@/lib/client/chat/external-store';
import type { AttachedDocument } from '@/lib/client/chat/types';
import type { AttachmentErrorCode, ExtractedDocument, ExtractResult } from './extract';

/**
 * Files attached to the message being written, before it is sent. Module state like the draft
 * (lib/client/chat/chat-session.ts): switching the language keeps them. A file that cannot be used
 * becomes an error of its own; the draft and the other files stay.
 */
export type AttachmentProblem = AttachmentErrorCode | 'too_many';

export interface PendingAttachment {
  id: string;
  name: string;
  size: number;
  status: 'reading' | 'ready';
  document?: ExtractedDocument;
  /** PDFs with pages: the pages kept, 1-based and inclusive. */
  pages?: { from: number; to: number };
  /** Tokens of the document's block as the model gets it (lib/shared/ai/turns.ts), once counted. */
  tokens?: number;
}

export interface AttachmentError {
  id: string;
  name: string;
  code: AttachmentProblem;
  /** too_large: the size limit in bytes; too_many: the count limit. */
  limit?: number;
}

export interface AttachmentsState {
  items: PendingAttachment[];
  errors: AttachmentError[];
}

export const attachmentsStore = createStore<AttachmentsState>({ items: [], errors: [] });

export interface AttachmentDeps {
  extract: (file: File, signal: AbortSignal) => Promise<ExtractResult>;
  countTokens: (text: string) => Promise<number>;
}

// Loaded with the first file: neither is in the page's first load.
const defaultDeps: AttachmentDeps = {
  extract: (file, signal) => import('./extract').then((m) => m.extractFile(file, signal)),
  countTokens: (text) => import('@/lib/client/context/token-client').then((m) => m.countTokens(text)),
};

const controllers = new Map<string, AbortController>();
let counter = 0;
const newId = () => `att-${Date.now().toString(36)}-${(counter++).toString(36)}`;

function update(id: string, change: (item: PendingAttachment) => PendingAttachment) {
  attachmentsStore.set((state) => ({
    ...state,
    items: state.items.map((item) => (item.id === id ? change(item) : item)),
  }));
}

function addError(error: Omit<AttachmentError, 'id'>) {
  attachmentsStore.set((state) => ({ ...state, errors: [...state.errors, { id: newId(), ...error }] }));
}

/** The text an attachment sends: the whole document, or a PDF's chosen pages. */
export function attachmentText(item: Pick<PendingAttachment, 'document' | 'pages'>): string {
  const { document, pages } = item;
  if (!document) return '';
  if (!document.pages || !pages) return document.text;
  return document.pages.slice(pages.from - 1, pages.to).join('\n\n');
}

/** The length of attachmentText(item), without building it (a PDF's kept pages are joined by a blank line). */
export function attachmentChars(item: Pick<PendingAttachment, 'document' | 'pages'>): number {
  const { document, pages } = item;
  if (!document) return 0;
  if (!document.pages || !pages) return document.text.length;
  const kept = document.pages.slice(pages.from - 1, pages.to);
  return kept.reduce((sum, page) => sum + page.length, 0) + 2 * Math.max(0, kept.length - 1);
}

/** A read file whose text (or kept pages) is over what the server takes of one document. */
export const isTooLong = (item: PendingAttachment): boolean =>
  item.status === 'ready' && attachmentChars(item) > MAX_DOCUMENT_CHARS;

async function recount(item: PendingAttachment, deps: AttachmentDeps) {
  const text = attachmentText(item);
  try {
    const tokens = await deps.countTokens(documentBlock({ name: item.name, text }));
    // Only if the chip still shows the same text (pages may have changed meanwhile).
    const current = attachmentsStore.get().items.find((i) => i.id === item.id);
    if (current && attachmentText(current) === text) update(item.id, (i) => ({ ...i, tokens }));
  } catch {
    // No count (the worker could not load): the chip shows none; the server still budgets.
  }
}

/** Reads files into chips; each file that cannot be used becomes an error instead. */
export async function addFiles(files: readonly File[], deps: AttachmentDeps = defaultDeps): Promise<void> {
  const room = MAX_DOCUMENTS - attachmentsStore.get().items.length;
  const accepted = files.slice(0, Math.max(0, room));
  for (const file of files.slice(accepted.length))
    addError({ name: file.name, code: 'too_many', limit: MAX_DOCUMENTS });
  await Promise.all(
    accepted.map(async (file) => {
      const id = newId();
      const controller = new AbortController();
      controllers.set(id, controller);
      attachmentsStore.set((state) => ({
        ...state,
        items: [...state.items, { id, name: file.name, size: file.size, status: 'reading' }],
      }));
      let result: ExtractResult;
      try {
        result = await deps.extract(file, controller.signal);
      } catch {
        // Aborted (the chip was removed), or the reader failed to load.
        if (controller.signal.aborted) return;
        result = { ok: false, code: 'unreadable' };
      } finally {
        controllers.delete(id);
      }
      if (!attachmentsStore.get().items.some((i) => i.id === id)) return;
      if (!result.ok) {
        attachmentsStore.set((state) => ({ ...state, items: state.items.filter((i) => i.id !== id) }));
        addError({ name: file.name, code: result.code, limit: result.limitBytes });
        return;
      }
      const { document } = result;
      const pages = document.pages?.length ? { from: 1, to: document.pages.length } : undefined;
      update(id, (item) => ({ ...item, status: 'ready', document, pages }));
      await recount(
        attachmentsStore.get().items.find((i) => i.id === id)!,
        deps,
      );
    }),
  );
}

export function removeAttachment(id: string): void {
  controllers.get(id)?.abort();
  attachmentsStore.set((state) => ({ ...state, items: state.items.filter((i) => i.id !== id) }));
}

export function dismissAttachmentError(id: string): void {
  attachmentsStore.set((state) => ({ ...state, errors: state.errors.filter((e) => e.id !== id) }));
}

/** Keeps only pages from..to of a PDF (clamped to the document). */
export function setAttachmentPages(id: string, from: number, to: number, deps: AttachmentDeps = defaultDeps): void {
  const item = attachmentsStore.get().items.find((i) => i.id === id);
  const total = item?.document?.pages?.length;
  if (!item || !total) return;
  const first = Math.min(Math.max(1, Math.trunc(from) || 1), total);
  const last = Math.min(Math.max(first, Math.trunc(to) || first), total);
  update(id, (i) => ({ ...i, pages: { from: first, to: last }, tokens: undefined }));
  void recount(
    attachmentsStore.get().items.find((i) => i.id === id)!,
    deps,
  );
}

/** The documents ready to send, as the message keeps them. */
export function readyDocuments(state: AttachmentsState): AttachedDocument[] {
  return state.items.flatMap((item) => {
    if (item.status !== 'ready' || !item.document) return [];
    const { kind, encoding, pages: all } = item.document;
    return [
      {
        name: item.name,
        size: item.size,
        kind,
        text: attachmentText(item),
        ...(encoding ? { encoding } : {}),
        ...(all && item.pages ? { pages: { ...item.pages, total: all.length } } : {}),
      },
    ];
  });
}

/** After sending: the chips went with the message; errors about earlier files are cleared too. */
export function clearAttachments(): void {
  controllers.forEach((controller) => controller.abort());
  controllers.clear();
  attachmentsStore.set({ items: [], errors: [] });
}
