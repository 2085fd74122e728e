import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocx } from './docx';

/** Made by LibreOffice from e2e/fixtures/report-ja.html: `soffice --headless --convert-to docx report-ja.html`. */
const REPORT = readFileSync(new URL('../../../../e2e/fixtures/report-ja.docx', import.meta.url));
const arrayBufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('extractDocx', () => {
  it('reads the paragraphs, list items and table cells of a Japanese .docx', async () => {
    const result = await extractDocx(arrayBufferOf(REPORT));
    expect(result).toEqual({
      ok: true,
      document: {
        kind: 'docx',
        text: [
          '月次報告書（2026年11月）',
          '営業部の髙橋です。今月の売上は前年同月比１２％増の３，４５０万円でした。',
          '新規顧客：㈱サンプル商事、山﨑工業',
          '課題：在庫回転率の改善',
          '項目',
          '金額',
          '売上',
          '34,500,000円',
          '経費',
          '12,300,000円',
          '以上、よろしくお願いいたします。',
        ].join('\n\n'),
      },
    });
  });

  it('calls a file that is not a Word document, or a damaged one, corrupt', async () => {
    const text = new TextEncoder().encode('ただのテキスト');
    expect(await extractDocx(arrayBufferOf(text))).toEqual({ ok: false, code: 'docx_corrupt' });
    const cut = REPORT.subarray(0, REPORT.length >> 1);
    expect(await extractDocx(arrayBufferOf(cut))).toEqual({ ok: false, code: 'docx_corrupt' });
  });
});
