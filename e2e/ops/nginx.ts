import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './app-process';

/**
 * Test support: a real nginx (the Debian package) as a process of the test's own, not root,
 * with a temp prefix, on a free port, in front of one app. The config is deploy/nginx.conf
 * with its upstream and listen address replaced, or another one the test gives.
 */
export const DEPLOY_CONF = readFileSync(path.resolve(import.meta.dirname, '../../deploy/nginx.conf'), 'utf8');

/** deploy/nginx.conf pointed at the app(s) on `appPorts`, listening on `port`. */
export function deployConf(appPorts: number | number[], port: number): string {
  const servers = [appPorts]
    .flat()
    .map((appPort) => `server 127.0.0.1:${appPort};`)
    .join(' ');
  const replace = (conf: string, from: RegExp, to: string) => {
    if ((conf.match(new RegExp(from, 'g')) ?? []).length !== 1) throw new Error(`expected one ${from} in nginx.conf`);
    return conf.replace(from, to);
  };
  return replace(replace(DEPLOY_CONF, /server app:3000 resolve;/, servers), /listen 80;/, `listen 127.0.0.1:${port};`);
}

/** A default nginx proxy: proxy_pass and nothing else (buffering on, as installed). */
export function defaultConf(appPort: number, port: number, extra = ''): string {
  return `events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      ${extra}
    }
  }
}
`;
}

export interface Nginx {
  url: string;
  /** What nginx wrote to its error log (stderr) so far. */
  errors(): string;
  stop(): Promise<void>;
}

const NOBODY = 65534;
/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

export async function startNginx(conf: (port: number) => string): Promise<Nginx> {
  const found = spawnSync(NGINX, ['-v']);
  if (found.error) throw new Error('nginx is needed for this test: apt-get install nginx (CI does)');
  const port = await freePort();
  const prefix = mkdtempSync(path.join(tmpdir(), 'swallow-nginx-'));
  // Temp files in the prefix (Debian's defaults are under /var/lib/nginx, root's).
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${prefix}/${kind};`)
    .join(' ');
  writeFileSync(path.join(prefix, 'nginx.conf'), conf(port).replace(/^http \{/m, `http {\n  ${temps}`));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(prefix, NOBODY, NOBODY);
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-e', 'stderr', '-g', `daemon off; pid ${prefix}/nginx.pid;`],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready when it answers (the app behind it may answer anything).
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
    const answered = await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    errors: () => errors,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
