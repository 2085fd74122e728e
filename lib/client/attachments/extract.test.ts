import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFile, fileKind, isSupportedFile, MAX_ATTACHMENT_BYTES } from './extract';

describe('fileKind', () => {
  it('knows documents, data and code by extension, case-insensitively', () => {
    expect(fileKind('議事録.TXT', '')).toBe('text');
    expect(fileKind('売上.csv', 'application/vnd.ms-excel')).toBe('text');
    expect(fileKind('notes.md', '')).toBe('text');
    expect(fileKind('app.tsx', '')).toBe('text');
    expect(fileKind('Dockerfile', '')).toBe('text');
    expect(fileKind('契約書.pdf', '')).toBe('pdf');
    expect(fileKind('報告書.docx', '')).toBe('docx');
  });
  it('falls back to the MIME type, and refuses binaries whatever their type says', () => {
    expect(fileKind('noext', 'text/plain')).toBe('text');
    expect(fileKind('x', 'application/pdf')).toBe('pdf');
    expect(isSupportedFile('photo.png', 'image/png')).toBe(false);
    expect(isSupportedFile('old.doc', 'text/plain')).toBe(false);
    expect(isSupportedFile('book.xlsx', '')).toBe(false);
    expect(isSupportedFile('blob', 'application/octet-stream')).toBe(false);
  });
});

describe('extractFile', () => {
  it('reads UTF-8 text with normalised line endings', async () => {
    const file = new File(['# 見出し\r\n本文です。\r\n'], 'a.md', { type: 'text/markdown' });
    const result = await extractFile(file);
    expect(result).toEqual({ ok: true, document: { kind: 'text', text: '# 見出し\n本文です。\n', encoding: 'utf-8' } });
  });
  it('refuses unsupported and oversized files with their codes', async () => {
    expect(await extractFile(new File(['x'], 'a.exe'))).toEqual({ ok: false, code: 'unsupported_type' });
    const big = new File([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], 'big.txt');
    expect(await extractFile(big)).toEqual({ ok: false, code: 'too_large', limitBytes: MAX_ATTACHMENT_BYTES });
  });
  it('calls a file with NUL bytes binary', async () => {
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0])], 'renamed.txt');
    expect(await extractFile(file)).toEqual({ ok: false, code: 'binary' });
  });
  it('rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(extractFile(new File(['x'], 'a.txt'), controller.signal)).rejects.toThrow('stop');
  });
});

describe('extractFile without a worker (Node)', () => {
  it('decodes a Shift_JIS CSV and reads a .docx in this thread', async () => {
    const csv = Uint8Array.from(Buffer.from('8ed088f594d48d862c8e8196bc0d0a313030312cfbfc8bb40d0a', 'hex'));
    expect(await extractFile(new File([csv], '社員.csv', { type: 'text/csv' }))).toEqual({
      ok: true,
      document: { kind: 'text', text: '社員番号,氏名\n1001,髙橋\n', encoding: 'shift_jis' },
    });
    const docx = readFileSync(new URL('../../../e2e/fixtures/report-ja.docx', import.meta.url));
    const result = await extractFile(new File([docx], '報告書.docx'));
    expect(result.ok && result.document.text).toMatch(/^月次報告書（2026年11月）\n\n営業部の髙橋です。/);
  });
});
