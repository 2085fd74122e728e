/**
 * An ICO file from PNG images: a 6-byte header, one 16-byte directory entry per image, then the
 * PNGs as they are. PNG entries are read by every current browser and by Windows since Vista,
 * so favicon.ico needs no bitmap encoder. Sizes up to 256 (stored as 0, as the format says).
 */
export interface IcoImage {
  size: number;
  png: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!isPng(bytes)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function pngsToIco(images: IcoImage[]): Uint8Array {
  if (images.length === 0) throw new Error('an ICO needs at least one image');
  const headerSize = 6 + 16 * images.length;
  const total = headerSize + images.reduce((n, img) => n + img.png.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = headerSize;
  images.forEach((img, i) => {
    const { width, height } = pngSize(img.png);
    if (width !== img.size || height !== img.size)
      throw new Error(`image ${i} is ${width}×${height}, expected ${img.size}×${img.size}`);
    if (img.size < 1 || img.size > 256) throw new Error(`icon size ${img.size} is outside 1–256`);
    const entry = 6 + 16 * i;
    view.setUint8(entry, img.size === 256 ? 0 : img.size);
    view.setUint8(entry + 1, img.size === 256 ? 0 : img.size);
    view.setUint8(entry + 2, 0); // no palette
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, img.png.byteLength, true);
    view.setUint32(entry + 12, offset, true);
    out.set(img.png, offset);
    offset += img.png.byteLength;
  });
  return out;
}
