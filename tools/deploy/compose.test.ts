import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shutdownGraceMs } from '../../lib/server/ops/shutdown-state';

/** compose.yaml and the nginx config it mounts: what can be checked without Docker. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  build?: string;
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  profiles?: string[];
  command?: string[];
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service> };
const { app, redis, nginx, vllm, ollama } = compose.services;
const nginxConf = read('deploy/nginx.conf');

const seconds = (duration: string) => {
  const [, value, unit] = /^(\d+)(s|m)$/.exec(duration) ?? [];
  return Number(value) * (unit === 'm' ? 60 : 1);
};
const version = (image: string) => (/:(\d+)\.(\d+)\.(\d+)/.exec(image) ?? []).slice(1).map(Number);
const atLeast = (have: number[], want: number[]) => {
  for (let i = 0; i < want.length; i++) if (have[i] !== want[i]) return (have[i] ?? -1) > want[i]!;
  return true;
};

describe('compose.yaml', () => {
  it('builds the app from the Dockerfile, scalable: no host port, nginx in front', () => {
    expect(app!.build).toBe('.');
    expect(app!.ports).toBeUndefined();
    expect(nginx!.ports).toEqual(['${HTTP_PORT:-8080}:80']);
    expect(nginx!.depends_on).toMatchObject({ app: { condition: 'service_healthy' } });
  });

  it('shares limits through its Redis and trusts only the nginx in front', () => {
    expect(app!.environment).toMatchObject({ TRUST_PROXY: '1', REDIS_URL: 'redis://redis:6379' });
    expect(redis!.image).toMatch(/^redis:\d+\.\d+\.\d+/);
    expect(app!.depends_on).toMatchObject({ redis: { condition: 'service_healthy' } });
  });

  it('lets streaming replies finish on `docker compose stop` (stop period > SHUTDOWN_GRACE_MS)', () => {
    expect(seconds(app!.stop_grace_period!) * 1000).toBeGreaterThanOrEqual(shutdownGraceMs({}) + 3_000);
  });

  it('mounts files that exist: deploy/nginx.conf, whose upstream is the app service on its port', () => {
    for (const volume of nginx!.volumes!) {
      const source = volume.split(':')[0]!;
      if (source.startsWith('./')) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
    }
    expect(nginx!.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(read('Dockerfile')).toMatch(/^EXPOSE 3000$/m);
    expect(nginxConf).toMatch(/^\s*server app:3000 resolve;$/m);
  });

  it("re-resolves the replicas with Docker's DNS, which needs nginx 1.27.3 or later", () => {
    expect(nginxConf).toMatch(/^\s*resolver 127\.0\.0\.11 /m);
    expect(nginxConf).toMatch(/^\s*zone swallow \d+k;$/m);
    expect(atLeast(version(nginx!.image!), [1, 27, 3])).toBe(true);
  });

  it('has the vllm (GPU) and ollama profiles, off by default', () => {
    expect(vllm!.profiles).toEqual(['vllm']);
    expect(ollama!.profiles).toEqual(['ollama']);
    const args = vllm!.command!;
    const arg = (name: string) => args[args.indexOf(name) + 1];
    expect(arg('--model')).toMatch(/tokyotech-llm\/Llama-3\.1-Swallow-8B-Instruct-v0\.\d/);
    // The app asks for the model by the id it offers (SWALLOW_MODELS): the same name.
    expect(arg('--served-model-name')).toBe(arg('--model'));
    expect(arg('--max-model-len')).toBe('8192');
    for (const service of [vllm!, ollama!]) expect(service.image).toMatch(/:v?\d+\.\d+\.\d+$/);
  });
});
