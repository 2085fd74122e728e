/** Where pdf.js finds the data files the app serves (public/pdfjs/, made by scripts/pdfjs-assets.ts). */
export interface PdfAssets {
  /** Where the binary CMaps are, with a trailing slash: a URL, or a directory in Node. */
  cMapUrl: string;
  /** Where the standard fonts are, with a trailing slash. */
  standardFontDataUrl: string;
}

export const PDFJS_ASSET_PATH = '/pdfjs/';

export function servedPdfAssets(origin: string): PdfAssets {
  return {
    cMapUrl: new URL(`${PDFJS_ASSET_PATH}cmaps/`, origin).href,
    standardFontDataUrl: new URL(`${PDFJS_ASSET_PATH}standard_fonts/`, origin).href,
  };
}
