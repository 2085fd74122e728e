/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package and by function.
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" BENCH_ONLY=cpu npm run bench
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 * PROFILE_FROM_US / PROFILE_TO_US keep the samples of a window (bench/profile-token.ts sets them).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};
// PROFILE_FROM_US/PROFILE_TO_US: only the samples in that window, in the profile's clock
// (microseconds of the monotonic clock: process.hrtime.bigint() / 1000n in another process).
const from = Number(process.env.PROFILE_FROM_US ?? -Infinity);
const to = Number(process.env.PROFILE_TO_US ?? Infinity);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at < from || at > to || byId.get(id)!.callFrame.functionName === '(idle)') return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const packageOf = (url: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
  (/\[turbopack\]_runtime|chunks\/ssr/.test(url) ? 'app bundle' : url ? url.replace(/^.*\//, '') : '(native)');
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  byPackage.set(packageOf(url), (byPackage.get(packageOf(url)) ?? 0) + us);
  const key = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `total ${(total / 1000).toFixed(0)} ms (idle left out)\n\nby package:\n${top(byPackage, 15)}\n\nby function:\n${top(byFunction, 25)}`,
);
