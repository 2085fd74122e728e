/** Test support: the directory of an ICO file, to check what tools/brand/ico.ts wrote. */
export function readIcoDirectory(bytes: Uint8Array): { size: number; length: number; offset: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw new Error('not an ICO file');
  const count = view.getUint16(4, true);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = view.getUint8(entry) || 256;
    return { size, length: view.getUint32(entry + 8, true), offset: view.getUint32(entry + 12, true) };
  });
}
