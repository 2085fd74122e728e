import { configDefaults, defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const GC_TEST = 'lib/client/markdown/long.blocks.test.ts';

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
    environment: 'node',
    // Vitest runs one worker fewer than the machine has cores: on our 2-core machines, one file at a
    // time. Two workers: the unit project in 66–69 s instead of 119 s (949 tests, twice each, green;
    // the timing tests compare against a reference measured in the same file, so they hold).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // lib/server/security/proxy-matcher.test.ts imports proxy.ts, whose next-intl middleware imports
    // 'next/server' without an extension.
    server: { deps: { inline: ['next-intl'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.ts',
            'components/**/*.test.ts',
            'tools/**/*.test.ts',
            'bench/**/*.test.ts',
            'e2e/**/*.unit.test.ts',
          ],
          exclude: [...configDefaults.exclude, GC_TEST],
          // Each file in a fresh worker thread rather than a fresh process (isolated all the same):
          // on 2 cores a process per file cost more than the tests (119 files: 207 s vs 146 s).
          pool: 'threads',
        },
      },
      {
        extends: true,
        // The memory test collects garbage with gc(): a process started with --expose-gc (a worker
        // thread cannot be given the flag).
        test: { name: 'gc', include: [GC_TEST], pool: 'forks', execArgv: ['--expose-gc'] },
      },
    ],
  },
});
