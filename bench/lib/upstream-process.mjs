// The fake upstream for the bench, in a process of its own so its timers do not share an event
// loop with the client that measures. Registers the bench scenarios alongside the e2e ones.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const appDir = process.env.BENCH_APP_DIR ?? process.cwd();
const load = (file) => import(pathToFileURL(path.join(appDir, file)).href);

const { STREAM_SCENARIOS } = await load('e2e/fake-upstream/scenarios.mjs');
const { BENCH_SCENARIOS } = await load('e2e/fake-upstream/bench-scenarios.mjs');
for (const [name, scenario] of Object.entries(BENCH_SCENARIOS)) STREAM_SCENARIOS[name] ??= scenario;
const { startFakeUpstream } = await load('e2e/fake-upstream.mjs');

const upstream = await startFakeUpstream({ port: Number(process.env.FAKE_UPSTREAM_PORT), chunkDelayMs: 0 });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => upstream.close().then(() => process.exit(0)));
