/**
 * Mounts the bench's reference routes into app/ for the bench's own build, and takes them out
 * again. They live in tools/bench-routes/app/ (the same paths as under app/); the repo's app/
 * has no bench route, so no other build can contain one. Two more guards: the mounted files are
 * named `route.bench.ts` (`page.bench.ts`: bench/lighthouse.ts's trivial page under our layout),
 * which Next.js takes for a route only when the build runs with
 * SWALLOW_BENCH_ROUTES=1 (next.config.ts), and even then they answer 404 unless the server runs
 * with it too (reference-routes.ts). The mounted paths are in .gitignore.
 */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const SOURCE = path.join(import.meta.dirname, 'app');

/** Route and page folders under tools/bench-routes/app/, relative to it (e.g. `api/chat/bench-pipe`). */
export function benchRouteDirs(): string[] {
  return readdirSync(SOURCE, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && (entry.name === 'route.bench.ts' || entry.name === 'page.bench.ts'))
    .map((entry) => path.relative(SOURCE, entry.parentPath));
}

/** Copies the routes into `<appDir>/app/`; the returned function removes what it copied. */
export function mountBenchRoutes(appDir: string): () => void {
  const mounted: string[] = [];
  const unmount = () => {
    for (const dir of mounted.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const dir of benchRouteDirs()) {
      const target = path.join(appDir, 'app', dir);
      if (existsSync(target)) throw new Error(`${target} exists: a bench route was left in app/ (remove it)`);
      cpSync(path.join(SOURCE, dir), target, { recursive: true });
      mounted.push(target);
    }
  } catch (error) {
    unmount();
    throw error;
  }
  return unmount;
}
