import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The fake keys `npm test` builds the app with (package.json "build:test"), read from there so
 * the two cannot drift apart: a key that leaked into a client bundle at build time would be
 * found by secrets.spec.ts and by scripts/vercel-build.ts's check of the Build Output.
 */
export function buildTestKeys(): string[] {
  const packageJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
  const script = packageJson.scripts['build:test'] as string;
  // The values given to the key variables (not key-shaped: a marker no real key could be).
  const keys = [...new Set([...script.matchAll(/\b(?:NVIDIA|SWALLOW)_API_KEY=(\S+)/g)].map((match) => match[1]))];
  if (keys.length === 0) throw new Error('package.json "build:test" builds with no API key: nothing to look for');
  return keys;
}

export const [BUILD_KEY_MARKER] = buildTestKeys();
