import { describe, expect, it } from 'vitest';
import { decodeText, eucJpScore, looksBinary, shiftJisScore } from './decode-text';

const hex = (h: string) => Uint8Array.from(h.replace(/\s+/g, '').match(/../g)!, (b) => parseInt(b, 16));
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * A CSV as Japanese Excel saves it ("CSV (コンマ区切り)"): CP932, CRLF, with NEC row 13 (①, ㈱),
 * IBM extension kanji as Windows writes them (髙 FB FC, 﨑 FA B1) and half-width katakana.
 */
const EXCEL_CSV = hex(
  '8ed088f594d48d862c8e8196bc2c95948f902c94f58d6c0d0a' + // 社員番号,氏名,部署,備考\r\n
    '313030312cfbfc8bb42088ea98592c89638bc695942c8740925393968145878a835483938376838b0d0a' + // 1001,髙橋 一郎,営業部,①担当・㈱サンプル
    '313030322c8e52fab12089d48e712c918d96b195942cd4cfbbdeb720cac5ba0d0a', // 1002,山﨑 花子,総務部,ﾔﾏｻﾞｷ ﾊﾅｺ
);
const EXCEL_CSV_TEXT =
  '社員番号,氏名,部署,備考\n1001,髙橋 一郎,営業部,①担当・㈱サンプル\n1002,山﨑 花子,総務部,ﾔﾏｻﾞｷ ﾊﾅｺ\n';

/** Minutes in EUC-JP, LF, as an old Unix tool writes them. */
const EUC_MINUTES = hex(
  'b5c4bbf6cfbf0ac6fcbbfea1a732303236c7af3132b7ee34c6fca1cab6e2a1cb0abdd0c0cabcd4a1a7c5c4c3e6a1a2ceebccda0a' +
    'b7e8c4eabbf6b9e0a1a7cde8b4fca4cecdbdbbbbb0c6a4f2beb5c7a7a4b7a4bfa1a30a',
);
const EUC_MINUTES_TEXT = '議事録\n日時：2026年12月4日（金）\n出席者：田中、鈴木\n決定事項：来期の予算案を承認した。\n';

/** A real 1x1 PNG (signature, IHDR, IDAT, IEND). */
const PNG = hex(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cf000000030101006918d8b60000000049454e44ae426082',
);

describe('decodeText', () => {
  it('reads a CSV saved by Japanese Excel (Shift_JIS/CP932, CRLF, ①㈱髙﨑, half-width kana) without mojibake', () => {
    expect(decodeText(EXCEL_CSV)).toEqual({ ok: true, encoding: 'shift_jis', text: EXCEL_CSV_TEXT });
  });

  it('reads EUC-JP', () => {
    expect(decodeText(EUC_MINUTES)).toEqual({ ok: true, encoding: 'euc-jp', text: EUC_MINUTES_TEXT });
  });

  it('reads UTF-16 with a BOM, either byte order, and drops the BOM', () => {
    expect(decodeText(hex('fffe 5330 9330 6b30 6130 6f30 0d00 0a00'))).toEqual({
      ok: true,
      encoding: 'utf-16le',
      text: 'こんにちは\n',
    });
    expect(decodeText(hex('feff 3053 3093 306b 3061 306f'))).toEqual({
      ok: true,
      encoding: 'utf-16be',
      text: 'こんにちは',
    });
  });

  it('reads UTF-8 with and without a BOM, and plain ASCII as UTF-8', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# 見出し\r\n本文\r')]);
    expect(decodeText(withBom)).toEqual({ ok: true, encoding: 'utf-8', text: '# 見出し\n本文\n' });
    expect(decodeText(utf8('髙橋①㈱'))).toEqual({ ok: true, encoding: 'utf-8', text: '髙橋①㈱' });
    expect(decodeText(utf8('a,b\r\n1,2\r\n'))).toEqual({ ok: true, encoding: 'utf-8', text: 'a,b\n1,2\n' });
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, encoding: 'utf-8', text: '' });
  });

  it('calls a PNG renamed .txt, and other control-heavy bytes, binary', () => {
    expect(decodeText(PNG)).toEqual({ ok: false, reason: 'binary' });
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? 0x07 : 0x41 + (i % 26)));
    expect(looksBinary(controls)).toBe(true);
    expect(decodeText(controls)).toEqual({ ok: false, reason: 'binary' });
    // Tabs, line feeds, carriage returns and escapes are text.
    expect(looksBinary(utf8('a\tb\r\n\x1b[31mred\x1b[0m\f'))).toBe(false);
  });

  it('decides short ambiguous strings: Shift_JIS on a tie, EUC-JP when its kana say so', () => {
    // B6 C5 is ｶﾅ in Shift_JIS and one level 1 kanji (凝) in EUC-JP: the common one wins.
    expect(decodeText(hex('b6c5'))).toMatchObject({ encoding: 'shift_jis', text: 'ｶﾅ' });
    expect(decodeText(hex('b1b2b3b4'))).toMatchObject({ encoding: 'shift_jis', text: 'ｱｲｳｴ' });
    expect(decodeText(hex('c3deb0c0'))).toMatchObject({ encoding: 'shift_jis', text: 'ﾃﾞｰﾀ' });
    // A4 A2 A4 A4 is あい in EUC-JP and ､｢､､ in Shift_JIS.
    expect(decodeText(hex('a4a2a4a4'))).toMatchObject({ encoding: 'euc-jp', text: 'あい' });
    expect(decodeText(hex('a5c6a5b9a5c8'))).toMatchObject({ encoding: 'euc-jp', text: 'テスト' });
    // Only one of them is valid.
    expect(decodeText(hex('82a0'))).toMatchObject({ encoding: 'shift_jis', text: 'あ' });
    expect(decodeText(hex('836583588367'))).toMatchObject({ encoding: 'shift_jis', text: 'テスト' });
    expect(decodeText(hex('c3bdc4'))).toMatchObject({ encoding: 'shift_jis', text: 'ﾃｽﾄ' });
  });

  it('scores each encoding by what its characters would be', () => {
    expect(shiftJisScore(EXCEL_CSV)).toBeGreaterThan(eucJpScore(EXCEL_CSV));
    expect(eucJpScore(EUC_MINUTES)).toBeGreaterThan(shiftJisScore(EUC_MINUTES) + 20);
  });

  it('reads ISO-2022-JP (JIS) mail text', () => {
    // ESC $ B 日本語 ESC ( B
    expect(decodeText(hex('1b2442467c4b5c386c1b2842'))).toEqual({ ok: true, encoding: 'iso-2022-jp', text: '日本語' });
  });

  it('keeps a Shift_JIS file cut inside its last character, with one replacement character', () => {
    // ... ﾔﾏｻﾞｷ ﾊﾅ, then the first byte of a double-byte character and nothing after it.
    const broken = new Uint8Array([...EXCEL_CSV.subarray(0, EXCEL_CSV.length - 3), 0x82]);
    const result = decodeText(broken);
    expect(result).toMatchObject({ ok: true, encoding: 'shift_jis' });
    expect(result.ok && result.text.endsWith('ﾔﾏｻﾞｷ ﾊﾅ\uFFFD')).toBe(true);
  });

  it('falls back to windows-1252 for Western text that is neither UTF-8 nor Japanese', () => {
    expect(decodeText(hex('636166e920e02070617269730a'))).toEqual({
      ok: true,
      encoding: 'windows-1252',
      text: 'café à paris\n',
    });
  });
});
