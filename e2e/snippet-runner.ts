// Runs a "view code" snippet for real: curl through bash, the JavaScript ones with Node (resolving
// `openai`, `ai` and `@ai-sdk/openai-compatible` from this project), Python through py_compile.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = { curl: 'request.sh', python: 'request.py', javascript: 'request.mjs', 'ai-sdk': 'ai-sdk.mjs' } as const;

export type RunnableLang = keyof typeof FILES;

export interface SnippetRun {
  stdout: string;
  stderr: string;
}

/**
 * Writes the snippet into a fresh folder under the project's git-ignored tmp/ (so Node finds
 * node_modules) and runs it with only PATH, HOME and the given variables in its environment.
 */
export async function runSnippet(lang: RunnableLang, code: string, env: Record<string, string>): Promise<SnippetRun> {
  await mkdir(join(ROOT, 'tmp'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'tmp', 'snippet-'));
  const file = join(dir, FILES[lang]);
  await writeFile(file, code);
  const childEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...env,
  } as unknown as NodeJS.ProcessEnv;
  const options = { cwd: dir, timeout: 20_000, encoding: 'utf8' as const, env: childEnv };
  switch (lang) {
    case 'curl':
      return run('bash', ['-eu', file], options);
    case 'python':
      return run('python3', ['-m', 'py_compile', file], options);
    default:
      return run(process.execPath, [file], options);
  }
}
