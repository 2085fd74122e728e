import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchRouteDirs, mountBenchRoutes } from './mount';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the bench reference routes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('are not in the repo’s app/: no build but the bench’s can contain one', () => {
    const files = readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => /bench/i.test(file))).toEqual([]);
    expect(benchRouteDirs().sort()).toEqual([
      '[locale]/bench-trivial',
      'api/chat/bench-pipe',
      'api/chat/bench-stream-text',
    ]);
  });

  it('are mounted into app/ for the bench’s build and taken out after it', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-mount-'));
    mkdirSync(path.join(dir, 'app/api/chat'), { recursive: true });
    const unmount = mountBenchRoutes(dir);
    const route = path.join(dir, 'app/api/chat/bench-pipe/route.bench.ts');
    expect(readFileSync(route, 'utf8')).toContain("from '@/tools/bench-routes/reference-routes'");
    // A second mount over a leftover refuses, and leaves the first in place.
    expect(() => mountBenchRoutes(dir!)).toThrow(/exists/);
    expect(existsSync(route)).toBe(true);
    unmount();
    expect(readdirSync(path.join(dir, 'app/api/chat'))).toEqual([]);
  });
});
