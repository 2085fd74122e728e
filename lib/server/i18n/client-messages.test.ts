import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ja from '@/messages/ja.json';
import { CLIENT_NAMESPACES, MODEL_CHART_NAMESPACES, pickMessages } from './client-messages';

const messages = { a: { x: '1', y: { z: '2' } }, b: 'top', c: { d: '3' } };

describe('pickMessages', () => {
  it('keeps whole namespaces and nested paths with their nesting', () => {
    expect(pickMessages(messages, ['b', 'a.y.z'])).toEqual({ b: 'top', a: { y: { z: '2' } } });
  });

  it('skips paths that do not exist', () => {
    expect(pickMessages(messages, ['nope', 'a.nope', 'b.deeper'])).toEqual({});
  });

  it('merges overlapping paths in either order without changing the source', () => {
    const source = structuredClone(messages);
    expect(pickMessages(source, ['a.x', 'a'])).toEqual({ a: messages.a });
    expect(pickMessages(source, ['a', 'a.y.z', 'c'])).toEqual({ a: messages.a, c: messages.c });
    expect(source).toEqual(messages);
  });
});

// Client components (every file under components/ that reaches the browser) must find their
// namespace in what the providers pass; server components read theirs on the server.
const SERVER_ONLY = new Set(['ModelOverview.tsx', 'BenchmarkSuite.tsx', 'BenchmarkTable.tsx']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(path.join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [path.join(dir, entry.name)]
        : [],
  );
}

describe('client namespaces', () => {
  const passed = [...CLIENT_NAMESPACES, ...MODEL_CHART_NAMESPACES];
  const covered = (namespace: string) => passed.some((p) => namespace === p || namespace.startsWith(`${p}.`));

  it('cover every namespace a client component asks useTranslations for', () => {
    const missing: string[] = [];
    for (const file of files('components')) {
      if (SERVER_ONLY.has(path.basename(file))) continue;
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/useTranslations(?:<[^>]*>)?\(\s*(?:'([^']*)')?\s*\)/g)) {
        // Without a namespace the component names the namespace in each key: t('chat.newChat').
        const namespaces = match[1] ? [match[1]] : [...source.matchAll(/\bt\('([\w]+)\./g)].map((key) => key[1]);
        // A namespace passed only in part (model: the header's link) must cover each key used.
        const keys = [...source.matchAll(/\bt\('([\w.]+)'/g)].map((key) => key[1]);
        for (const namespace of namespaces) {
          if (!covered(namespace) && !(match[1] && keys.length && keys.every((key) => covered(`${namespace}.${key}`))))
            missing.push(`${file}: ${namespace}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('name namespaces that exist in both locales', () => {
    for (const name of passed) {
      expect(Object.keys(pickMessages(en, [name])), name).not.toHaveLength(0);
      expect(Object.keys(pickMessages(ja, [name])), name).not.toHaveLength(0);
    }
  });

  it('leave out the server-only namespaces', () => {
    const picked = pickMessages(ja, CLIENT_NAMESPACES);
    expect(picked).not.toHaveProperty('meta');
    expect(picked).not.toHaveProperty('unlock');
    expect(Object.keys(picked.model as object)).toEqual(['link']);
  });
});
