/**
 * Profiles one route of the token-cost section (bench/token-cost.ts) on its own: starts the
 * fake upstream and the server (existing bench build) with `--cpu-prof`, warms the route up,
 * streams `paced4` (650 chunks 4 ms apart) ROUNDS times (5), stops the server and summarises
 * its profile (bench/profile-summary.ts).
 *   npx tsx bench/profile-token.ts ours|pipe|streamText [profile dir]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchConfig, startApp, startUpstream } from './lib/app-server';
import { cpuMsFine } from './lib/proc';
import { streamChat } from './lib/sse-client';
import { referenceTargets } from './token-cost';

const which = (process.argv[2] ?? 'ours') as keyof ReturnType<typeof referenceTargets>;
const dir = process.argv[3] ?? mkdtempSync(path.join(tmpdir(), 'token-prof-'));
const rounds = Number(process.env.ROUNDS ?? 5);

let from = 0n;
let to = 0n;

async function main() {
  const config = { ...benchConfig(), serverNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
  const upstream = await startUpstream(config);
  const app = await startApp(config);
  try {
    const target = referenceTargets(app.url)[which];
    for (let i = 0; i < 3; i++) await streamChat(target, '[[scenario:long]] warm-up');
    await streamChat(target, '[[scenario:paced4]] warm-up');
    from = process.hrtime.bigint() / 1000n;
    for (let i = 0; i < rounds; i++) {
      const before = cpuMsFine(app.pids());
      const r = await streamChat(target, '[[scenario:paced4]] profile');
      console.log(
        `${which}: ${((cpuMsFine(app.pids()) - before) / 650).toFixed(3)} ms per chunk${r.error ? ` (${r.error})` : ''}`,
      );
    }
    to = process.hrtime.bigint() / 1000n;
  } finally {
    await app.stop();
    await upstream.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  console.log(`${path.join(dir, file)}\n`);
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'profile-summary.ts'), path.join(dir, file)],
    {
      stdio: 'inherit',
      env: { ...process.env, PROFILE_FROM_US: String(from), PROFILE_TO_US: String(to) },
    },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
