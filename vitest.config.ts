import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'e2e/**/*.unit.test.ts'],
    environment: 'node',
    // lib/security/proxy-matcher.test.ts imports proxy.ts, whose next-intl middleware imports 'next/server' without an extension.
    server: { deps: { inline: ['next-intl'] } },
  },
});
