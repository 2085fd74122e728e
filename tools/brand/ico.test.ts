import { describe, expect, it } from 'vitest';
import { readIcoDirectory } from '../../e2e/support/ico-reader';
import { isPng, pngSize, pngsToIco } from './ico';

/** A PNG header with the given IHDR size (enough for the ICO writer, which copies bytes). */
function fakePng(width: number, height: number, extra = 4): Uint8Array {
  const bytes = new Uint8Array(33 + extra);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.fill(7, 33);
  return bytes;
}

describe('pngsToIco', () => {
  it('writes a directory that points at each PNG, byte for byte', () => {
    const a = fakePng(16, 16, 10);
    const b = fakePng(256, 256, 3);
    const ico = pngsToIco([
      { size: 16, png: a },
      { size: 256, png: b },
    ]);
    const dir = readIcoDirectory(ico);
    expect(dir).toEqual([
      { size: 16, length: a.byteLength, offset: 6 + 32 },
      { size: 256, length: b.byteLength, offset: 6 + 32 + a.byteLength },
    ]);
    expect(ico[6 + 16]).toBe(0); // 256 is stored as 0
    expect(ico.slice(dir[1].offset, dir[1].offset + dir[1].length)).toEqual(b);
    expect(isPng(ico.slice(dir[0].offset))).toBe(true);
    expect(ico.byteLength).toBe(6 + 32 + a.byteLength + b.byteLength);
  });

  it('refuses an image whose size is not the one declared, a non-PNG, or nothing', () => {
    expect(() => pngsToIco([{ size: 32, png: fakePng(16, 16) }])).toThrow(/16×16/);
    expect(() => pngsToIco([{ size: 16, png: new Uint8Array(40) }])).toThrow(/not a PNG/);
    expect(() => pngsToIco([])).toThrow();
  });

  it('reads PNG sizes and rejects files that are not ICO', () => {
    expect(pngSize(fakePng(180, 90))).toEqual({ width: 180, height: 90 });
    expect(() => readIcoDirectory(fakePng(1, 1))).toThrow(/not an ICO/);
  });
});
