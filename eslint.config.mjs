import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The first-load boundary, by folder (docs/architecture.md, "Where things live"). Every module in
// a first-load folder may be in what a page loads before the visitor does anything, so it may name
// zod, the AI SDK (~75 KB gzip) and the document parsers in types only. They arrive later: the chat
// runtime by import() (lib/client/runtime/chat/), the parsers in the extraction worker
// (lib/client/runtime/attachments/). A new file in a first-load folder is checked without being
// listed anywhere; tools/lint-boundary.test.ts proves it.
const FIRST_LOAD = ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'proxy.ts'];
const NOT_FIRST_LOAD = [
  // The server: route handlers and what only they run.
  'app/api/**',
  'lib/server/**',
  // Loaded on use in the browser, by import() or in a worker.
  'lib/client/runtime/**',
  // zod schemas, shared by the server and the runtime; first-load code imports their types only.
  'lib/shared/schemas/**',
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
              message: 'The AI SDK loads with the chat runtime (lib/client/runtime/chat/).',
              allowTypeImports: true,
            },
            {
              name: 'pdfjs-dist',
              message: 'pdf.js runs in the extraction worker (lib/client/runtime/attachments/extract.worker.ts).',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['mammoth', 'mammoth/*', 'pdfjs-dist/*'],
              message:
                'The document parsers run in the extraction worker (lib/client/runtime/attachments/extract.worker.ts).',
              allowTypeImports: true,
            },
            {
              group: ['@/lib/shared/schemas/*', '**/shared/schemas/*', '../schemas/*', './schemas/*'],
              message: 'The schemas are zod: import their types only.',
              allowTypeImports: true,
            },
            {
              group: ['@ai-sdk/*'],
              message: 'The AI SDK loads with the chat runtime (lib/client/runtime/chat/).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
];

export default config;
