import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPdf, cmapPdf, encryptPdf, imageOnlyPdf } from '../../../../e2e/fixtures/pdf';
import { extractPdf, pageText } from './pdf';
import type { PdfAssets } from './pdf-assets';

const dist = fileURLToPath(new URL('../../../../node_modules/pdfjs-dist/', import.meta.url));
const ASSETS: PdfAssets = { cMapUrl: `${dist}cmaps/`, standardFontDataUrl: `${dist}standard_fonts/` };
const NO_ASSETS: PdfAssets = { cMapUrl: '/nonexistent/cmaps/', standardFontDataUrl: '/nonexistent/fonts/' };

// 契約書（案）第１条 ①㈱ in Shift_JIS (CP932), as 90ms-RKSJ-H reads it.
const SJIS = Uint8Array.from(Buffer.from('8c5f96f18f91816988c4816a91e682508ff0208740878a', 'hex'));

describe('extractPdf', () => {
  it('reads Japanese text in non-embedded fonts through the predefined CMaps', async () => {
    const result = await extractPdf(cmapPdf(SJIS, '議事録：来期の予算'), ASSETS);
    expect(result).toEqual({
      ok: true,
      document: {
        kind: 'pdf',
        text: '契約書（案）第１条 ①㈱\n議事録：来期の予算',
        pages: ['契約書（案）第１条 ①㈱\n議事録：来期の予算'],
      },
    });
  });

  it('cannot read that text without the CMaps (what the served ones are for)', async () => {
    const result = await extractPdf(cmapPdf(SJIS, '議事録'), NO_ASSETS);
    expect(result.ok && result.document.text).not.toContain('契約書');
  });

  it('says a PDF with images and no text layer has no text (scanned)', async () => {
    expect(await extractPdf(imageOnlyPdf(3), ASSETS)).toEqual({ ok: false, code: 'pdf_no_text' });
  });

  it('says an encrypted PDF is encrypted', async () => {
    expect(await extractPdf(encryptPdf(cmapPdf(SJIS, '秘密')), ASSETS)).toEqual({ ok: false, code: 'pdf_encrypted' });
  });

  it('says a damaged file is corrupt', async () => {
    const notPdf = new TextEncoder().encode('これはPDFではありません。\n');
    expect(await extractPdf(notPdf, ASSETS)).toEqual({ ok: false, code: 'pdf_corrupt' });
    const headerOnly = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
    expect(await extractPdf(headerOnly, ASSETS)).toEqual({ ok: false, code: 'pdf_corrupt' });
    const noPages = buildPdf([['<< /Type /Catalog /Pages 2 0 R >>'], ['<< /Type /Pages /Kids [] /Count 0 >>']]);
    expect(await extractPdf(noPages, ASSETS)).toMatchObject({ ok: false });
  });
});

describe('pageText', () => {
  const item = (str: string, hasEOL = false) => ({
    str,
    hasEOL,
    dir: 'ltr',
    transform: [],
    width: 0,
    height: 0,
    fontName: 'f',
  });
  it('joins runs, breaks lines where pdf.js saw them end, and reads Kangxi radicals as the ideographs', () => {
    // Chromium's PDFs of Noto Sans CJK text name 日 as the radical ⽇ (U+2F47) in their ToUnicode map.
    const content = {
      items: [item('本\u2f47の'), item('議事録  ', true), item('', true), item(''), item('以上', true)],
      styles: {},
      lang: null,
    };
    expect(pageText(content)).toBe('本日の議事録\n\n以上');
  });
});
