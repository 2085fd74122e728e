// Modules without their own types, imported by the extraction worker (lib/client/runtime/attachments/).

/** mammoth's browser build: the same API as `mammoth` (its lib/index.d.ts), read from an ArrayBuffer. */
declare module 'mammoth/mammoth.browser.min.js' {
  export function extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<{
    value: string;
    messages: { type: 'warning' | 'error'; message: string }[];
  }>;
}

/** pdf.js's worker code: importing it sets globalThis.pdfjsWorker. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
