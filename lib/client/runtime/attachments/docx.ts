/**
 * The text of a .docx, with mammoth's browser build (issue #19). Runs inside the extraction
 * worker (extract.worker.ts). The browser build (browserify'd, with its zip reader) also runs in
 * Node, so the unit tests read the same code the browser does.
 */
import { extractRawText } from 'mammoth/mammoth.browser.min.js';
import type { ExtractResult } from '../../attachments/protocol';

export async function extractDocx(data: ArrayBuffer): Promise<ExtractResult> {
  let value: string;
  try {
    ({ value } = await extractRawText({ arrayBuffer: data }));
  } catch {
    // Not a zip, or a zip without word/document.xml, or XML mammoth cannot read.
    return { ok: false, code: 'docx_corrupt' };
  }
  // mammoth ends every paragraph (and table cell) with a blank line.
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { ok: true, document: { kind: 'docx', text } };
}
