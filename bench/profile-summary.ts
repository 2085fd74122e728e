/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package and by function.
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" BENCH_ONLY=cpu npm run bench
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

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
  `total ${(total / 1000).toFixed(0)} ms\n\nby package:\n${top(byPackage, 15)}\n\nby function:\n${top(byFunction, 25)}`,
);
