import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Modules a page loads before the visitor does anything. zod and the AI SDK (~75 KB gzip) arrive
// later, with the chat runtime (lib/chat/chat-runtime-loader.ts); here they may be named in types only.
const FIRST_LOAD = ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'proxy.ts'];
const NOT_FIRST_LOAD = [
  'app/api/**',
  'lib/ai/**',
  'lib/security/**',
  'lib/http/**',
  // Server-only: the model registry's data and the deployment's SWALLOW_MODELS (browser: ModelProfile).
  'lib/model/registry.ts',
  'lib/model/deployment.ts',
  // Loaded on use, by dynamic import(): the chat runtime and the view-code dialog.
  'lib/chat/chat-runtime.ts',
  'lib/chat/observable-chat.ts',
  'components/code/ViewCodeDialog.tsx',
  'lib/code/**',
  // The attachment parsers run in the extraction worker, started when a file is attached.
  'lib/attachments/extract.worker.ts',
  'lib/attachments/read-document.ts',
  'lib/attachments/pdf.ts',
  'lib/attachments/docx.ts',
  '**/*.test.ts',
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '**/.next/**',
      '.next-*/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An import used only as a type is written `import type`, so bundlers drop it (schemas stay on the server).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Prettier breaks code at 120; what it cannot break (strings, URLs, patterns) may run longer.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*(import|export) ',
        },
      ],
    },
  },
  {
    files: FIRST_LOAD,
    ignores: NOT_FIRST_LOAD,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'zod is not in the first load: validate on the server.', allowTypeImports: true },
            {
              name: 'ai',
              message: 'The AI SDK loads with the chat runtime (chat-runtime.ts).',
              allowTypeImports: true,
            },
            {
              name: 'pdfjs-dist',
              message: 'pdf.js runs in the extraction worker (lib/attachments/extract.worker.ts).',
              allowTypeImports: true,
            },
            {
              name: '@/lib/ai/schema',
              message: 'The request schema is zod: import its types only.',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['mammoth', 'mammoth/*', 'pdfjs-dist/*'],
              message: 'The document parsers run in the extraction worker (lib/attachments/extract.worker.ts).',
              allowTypeImports: true,
            },
            {
              group: ['@ai-sdk/*'],
              message: 'The AI SDK loads with the chat runtime (chat-runtime.ts).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
];

export default config;
