import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDestination, dockerInstructions, runtimeStage } from './dockerfile';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('runtimeStage', () => {
  const text = `# syntax=docker/dockerfile:1
ARG BASE=node:24.0.0-slim
FROM \${BASE} AS build
WORKDIR /src
COPY . .
FROM \${BASE} AS runner
WORKDIR /app
# a comment \\
ENV A=1 \\
    B=two
COPY --from=build --chown=node:node /src/out ./
COPY --from=build /src/main.ts ./lib/
USER node
HEALTHCHECK --interval=5s \\
  CMD ["node", "-e", "1"]
CMD ["node", "main.ts"]
`;

  it('reads the last stage: image with ARG defaults, ENV, COPY, USER, HEALTHCHECK, CMD', () => {
    expect(runtimeStage(text)).toEqual({
      image: 'node:24.0.0-slim',
      workdir: '/app',
      env: { A: '1', B: 'two' },
      copies: [
        { from: 'build', source: '/src/out', dest: './' },
        { from: 'build', source: '/src/main.ts', dest: './lib/' },
      ],
      user: 'node',
      healthcheck: ['node', '-e', '1'],
      cmd: ['node', 'main.ts'],
    });
  });

  it('joins continuation lines and drops comments', () => {
    expect(dockerInstructions('RUN a \\\n  b\n# x\nUSER n').map((i) => i.keyword)).toEqual(['RUN', 'USER']);
  });

  it('refuses the shell form of CMD (signals would go to a shell, not to node)', () => {
    expect(() => runtimeStage('FROM x\nCMD node server.ts')).toThrow(/exec form/);
  });

  it('places copies as Docker does', () => {
    const copy = (source: string, dest: string) => ({ from: 'build', source, dest });
    expect(copyDestination(copy('/src/out', './'), '/app', true)).toBe('/app');
    expect(copyDestination(copy('/src/main.ts', './'), '/app', false)).toBe('/app/main.ts');
    expect(copyDestination(copy('/src/main.ts', './lib/'), '/app', false)).toBe('/app/lib/main.ts');
    expect(copyDestination(copy('/src/static', './.next/static'), '/app', true)).toBe('/app/.next/static');
    expect(copyDestination(copy('/src/a.ts', '/opt/b.ts'), '/app', false)).toBe('/opt/b.ts');
  });
});

/** Relative modules a TypeScript file imports, and theirs (server.ts runs with Node's type stripping). */
function localImports(file: string, seen = new Set<string>()): Set<string> {
  for (const [, spec] of read(file).matchAll(/^import\s[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec!));
    if (!seen.has(target)) {
      seen.add(target);
      localImports(target, seen);
    }
  }
  return seen;
}

describe('the Dockerfile', () => {
  const stage = runtimeStage(read('Dockerfile'));
  const inImage = new Set(
    stage.copies.map((copy) => copyDestination(copy, stage.workdir, !/\.\w+$/.test(copy.source))),
  );

  it('runs Node 24 slim, the exact release CI tests (scripts/node24.sh), as package.json engines say', () => {
    const ci = /NODE24_VERSION=(\S+)/.exec(read('scripts/node24.sh'))![1];
    expect(stage.image).toBe(`node:${ci}-slim`);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`${ci!.split('.')[0]}.x`);
  });

  it('runs server.ts as a user other than root, through node itself (it gets SIGTERM)', () => {
    expect(stage.user).toBeTruthy();
    expect(stage.user).not.toMatch(/^(root|0)(:|$)/);
    expect(stage.cmd).toEqual(['node', 'server.ts']);
    expect(stage.env).toMatchObject({ NODE_ENV: 'production', HOSTNAME: '0.0.0.0' });
  });

  it('copies the standalone build, its static files, public/ and every module server.ts imports', () => {
    const app = stage.workdir;
    const expected = [
      app,
      `${app}/.next/static`,
      `${app}/public`,
      `${app}/server.ts`,
      ...[...localImports('server.ts')].map((file) => `${app}/${file}`),
    ];
    expect([...inImage].sort()).toEqual(expected.sort());
    expect(stage.copies.find((copy) => copyDestination(copy, app, true) === app)?.source).toBe('/app/.next/standalone');
    expect(read('next.config.ts')).toMatch(/output: 'standalone'/);
  });

  it('checks health with node (no curl in slim) on the route that answers it', () => {
    const [command, flag, script] = stage.healthcheck!;
    expect([command, flag]).toEqual(['node', '-e']);
    expect(script).toContain("'/api/health'");
    expect(existsSync(path.join(ROOT, 'app/api/health/route.ts'))).toBe(true);
  });

  it('leaves secrets and local builds out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '.env.*', 'node_modules', '.next', '.git']) expect(ignored).toContain(entry);
  });
});
