import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Server modules import 'server-only', which only a server bundle (react-server) resolves to nothing.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/**/*.unit.test.ts'],
    environment: 'node',
    // The memory test of lib/markdown/blocks.test.ts collects garbage with gc().
    execArgv: ['--expose-gc'],
    // lib/security/proxy-matcher.test.ts imports proxy.ts, whose next-intl middleware imports
    // 'next/server' without an extension.
    server: { deps: { inline: ['next-intl'] } },
  },
});
