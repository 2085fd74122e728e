import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./', import.meta.url)) },
      // Server modules import 'server-only', which only a server bundle (react-server) resolves to nothing.
      {
        find: 'server-only',
        replacement: fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
      },
      // pdf.js's modern build needs what Chromium has and Node 24 lacks (Uint8Array.prototype.toHex):
      // Node runs its legacy build, the same code with polyfills. The browser build is tested in e2e.
      { find: /^pdfjs-dist$/, replacement: 'pdfjs-dist/legacy/build/pdf.mjs' },
      { find: /^pdfjs-dist\/build\/pdf\.worker\.min\.mjs$/, replacement: 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' },
    ],
  },
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.ts',
      'tools/**/*.test.ts',
      'bench/**/*.test.ts',
      'e2e/**/*.unit.test.ts',
    ],
    environment: 'node',
    // The memory test of lib/client/markdown/long.blocks.test.ts collects garbage with gc().
    execArgv: ['--expose-gc'],
    // lib/server/security/proxy-matcher.test.ts imports proxy.ts, whose next-intl middleware imports
    // 'next/server' without an extension.
    server: { deps: { inline: ['next-intl'] } },
  },
});
