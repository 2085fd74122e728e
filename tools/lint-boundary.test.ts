import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './import-graph.ts';

// The first-load boundary is a rule by folder (eslint.config.mjs): a module that nobody has listed
// yet, in a first-load folder, may not import zod, the AI SDK or the document parsers.
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  // Loading the config (Next.js's rules, typescript-eslint) takes seconds on a busy machine.
  await eslint.lintText('', { filePath: `${ROOT}/lib/shared/warm-up.ts` });
}, 120_000);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const FIRST_LOAD_FILES = [
  'lib/client/chat/new-module.ts',
  'lib/client/storage/new-module.ts',
  'lib/shared/new-folder/new-module.ts',
  'components/chat/NewThing.tsx',
  'app/[locale]/new-page/page.tsx',
  'proxy.ts',
];
const LATER_FILES = [
  'lib/server/ai/new-module.ts',
  'lib/server/new-folder/new-module.ts',
  'lib/client/runtime/chat/new-module.ts',
  'lib/client/runtime/new-folder/new-module.ts',
  'app/api/new-route/route.ts',
];
const FORBIDDEN = [
  "import { streamText } from 'ai';\nexport const run = streamText;\n",
  "import { createOpenAICompatible } from '@ai-sdk/openai-compatible';\nexport const run = createOpenAICompatible;\n",
  "import * as z from 'zod';\nexport const schema = z.string();\n",
  "import { getDocument } from 'pdfjs-dist';\nexport const run = getDocument;\n",
  "import mammoth from 'mammoth';\nexport const run = mammoth;\n",
  "import { validateChatRequest } from '@/lib/shared/schemas/chat-request';\nexport const run = validateChatRequest;\n",
];

describe('the first-load boundary, by folder', { timeout: 60_000 }, () => {
  it.each(FIRST_LOAD_FILES)('refuses the AI SDK, zod and the parsers in a new file in %s', async (file) => {
    for (const code of FORBIDDEN) expect(await restrictedImports(file, code), code).toHaveLength(1);
  });

  it.each(FIRST_LOAD_FILES)('allows their types in %s', async (file) => {
    const code = "import type { UIMessage } from 'ai';\nexport type M = UIMessage;\n";
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  it.each(LATER_FILES)('allows them in a new file in %s (server or loaded on use)', async (file) => {
    for (const code of FORBIDDEN) expect(await restrictedImports(file, code), code).toEqual([]);
  });
});
