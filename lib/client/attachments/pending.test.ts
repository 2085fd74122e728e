import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENTS, MAX_DOCUMENT_CHARS } from '@/lib/shared/model/profile';
import { documentBlock } from '@/lib/shared/ai/turns';
import type { ExtractResult } from './extract';
import {
  addFiles,
  attachmentChars,
  attachmentText,
  isTooLong,
  attachmentsStore,
  clearAttachments,
  readyDocuments,
  removeAttachment,
  setAttachmentPages,
  type AttachmentDeps,
} from './pending';

const deps = (results: Record<string, ExtractResult>, counted: string[] = []): AttachmentDeps => ({
  extract: async (file) => results[file.name] ?? { ok: false, code: 'unsupported_type' },
  countTokens: async (text) => {
    counted.push(text);
    return text.length;
  },
});
const file = (name: string, text = 'x') => new File([text], name);
const text = (value: string): ExtractResult => ({
  ok: true,
  document: { text: value, kind: 'text', encoding: 'utf-8' },
});

beforeEach(() => clearAttachments());

describe('pending attachments', () => {
  it('a good file becomes a chip with its token count; a bad one an error; neither loses the other', async () => {
    const counted: string[] = [];
    await addFiles(
      [file('議事録.txt', '本文'), file('photo.png')],
      deps({ '議事録.txt': text('本文'), 'photo.png': { ok: false, code: 'unsupported_type' } }, counted),
    );
    const { items, errors } = attachmentsStore.get();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: '議事録.txt', status: 'ready', size: 6 });
    expect(counted).toEqual([documentBlock({ name: '議事録.txt', text: '本文' })]);
    expect(items[0].tokens).toBe(counted[0].length);
    expect(errors).toEqual([expect.objectContaining({ name: 'photo.png', code: 'unsupported_type' })]);
    expect(readyDocuments(attachmentsStore.get())).toEqual([
      { name: '議事録.txt', size: 6, kind: 'text', text: '本文', encoding: 'utf-8' },
    ]);
  });

  it('too_large carries the limit; more files than a message takes are refused by name', async () => {
    await addFiles([file('big.csv')], deps({ 'big.csv': { ok: false, code: 'too_large', limitBytes: 10 } }));
    expect(attachmentsStore.get().errors[0]).toMatchObject({ code: 'too_large', limit: 10 });
    const many = Array.from({ length: MAX_DOCUMENTS + 2 }, (_, i) => file(`${i}.txt`));
    await addFiles(many, deps(Object.fromEntries(many.map((f) => [f.name, text(f.name)]))));
    expect(attachmentsStore.get().items).toHaveLength(MAX_DOCUMENTS);
    expect(
      attachmentsStore
        .get()
        .errors.filter((e) => e.code === 'too_many')
        .map((e) => e.name),
    ).toEqual([`${MAX_DOCUMENTS}.txt`, `${MAX_DOCUMENTS + 1}.txt`]);
  });

  it('a PDF keeps a chosen page range, clamped, and sends only those pages', async () => {
    const pdf: ExtractResult = { ok: true, document: { text: 'p1\np2\np3', kind: 'pdf', pages: ['p1', 'p2', 'p3'] } };
    await addFiles([file('a.pdf')], deps({ 'a.pdf': pdf }));
    const [item] = attachmentsStore.get().items;
    expect(item.pages).toEqual({ from: 1, to: 3 });
    setAttachmentPages(item.id, 2, 9, deps({}));
    const [document] = readyDocuments(attachmentsStore.get());
    expect(document).toMatchObject({ text: 'p2\n\np3', pages: { from: 2, to: 3, total: 3 } });
  });

  it('removing a chip while it is read drops it for good', async () => {
    let release!: (result: ExtractResult) => void;
    const slow: AttachmentDeps = {
      extract: () => new Promise((resolve) => (release = resolve)),
      countTokens: async () => 1,
    };
    const adding = addFiles([file('a.txt')], slow);
    const [item] = attachmentsStore.get().items;
    expect(item.status).toBe('reading');
    removeAttachment(item.id);
    release(text('a'));
    await adding;
    expect(attachmentsStore.get().items).toEqual([]);
  });

  it('knows the length of what an attachment sends, and when it is over what the server takes of one document', () => {
    const pages = ['一ページ目', '', 'three', 'x'.repeat(MAX_DOCUMENT_CHARS - 10)];
    const document = { kind: 'pdf' as const, text: pages.join('\n\n'), pages };
    for (const range of [undefined, { from: 1, to: 4 }, { from: 2, to: 3 }, { from: 3, to: 3 }, { from: 1, to: 2 }])
      expect(attachmentChars({ document, pages: range })).toBe(attachmentText({ document, pages: range }).length);
    const ready = (range: { from: number; to: number }) => ({
      id: 'a',
      name: 'a.pdf',
      size: 1,
      status: 'ready' as const,
      document,
      pages: range,
    });
    expect(isTooLong(ready({ from: 1, to: 4 }))).toBe(true);
    expect(isTooLong(ready({ from: 4, to: 4 }))).toBe(false);
    expect(isTooLong({ ...ready({ from: 1, to: 4 }), status: 'reading' })).toBe(false);
    expect(attachmentChars({ document: { kind: 'text', text: 'abc' } })).toBe(3);
  });
});
