/**
 * `npm run start:prod`: the production server. Next.js's own request handler behind a plain
 * Node HTTP server, for one reason: the client's socket address, which `next start` does not
 * keep when the client sends an X-Forwarded-For of its own (per-client limits would then
 * believe any address a client invents). See lib/server/http/forwarded.ts and README "TRUST_PROXY".
 *
 *   node server.ts [--hostname 0.0.0.0] [--port 3000]      (or HOSTNAME / PORT)
 *
 * The same file runs in the repo (after `next build`) and in the container image, where it sits
 * in the build's standalone folder (.next/standalone, see Dockerfile) with no next.config.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import {
  HEADERS_TIMEOUT_MS,
  refuseBody,
  REQUEST_TIMEOUT_MS,
  sendRefusal,
  StalledBodies,
  TIMEOUT_CHECK_MS,
} from './lib/server/http/body-guard.ts';
import { pinClientAddress, trustsProxy } from './lib/server/http/forwarded.ts';
import { activeReplies, drainReplies, shutdownGraceMs } from './lib/server/ops/shutdown-state.ts';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const port = Number(values.port ?? process.env.PORT ?? 3000);
const trustProxy = trustsProxy();

const dir = import.meta.dirname;
const app = next({ dev: false, dir, hostname, port, conf: builtConfig() });
const handle = app.getRequestHandler();
await app.prepare();

// Bodies are bounded here, before Next.js reads them (lib/server/http/body-guard.ts): per-path limits
// on the declared length, no unannounced length where no route counts it, and timeouts for
// headers, a stalled body and the whole request (not for the reply, which streams).
const stalledBodies = new StalledBodies();
const server = createServer(
  {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
  },
  (req, res) => {
    const refusal = refuseBody(req.url ?? '/', req.headers);
    if (refusal) return sendRefusal(req, refusal);
    pinClientAddress(req.headers, req.socket.remoteAddress, trustProxy);
    stalledBodies.watch(req, res);
    void handle(req, res);
  },
);
// A client that asks before sending its body (`Expect: 100-continue`, curl past 1 MiB) is told
// no at once when the headers already refuse it, rather than invited to upload it first.
server.on('checkContinue', (req, res) => {
  const refusal = refuseBody(req.url ?? '/', req.headers);
  if (refusal) return sendRefusal(req, refusal);
  res.writeContinue();
  server.emit('request', req, res);
});
server.listen(port, hostname, () => {
  console.log(`> Swallow Chat on http://${hostname}:${port}${trustProxy ? ' (trusting the proxy in front)' : ''}`);
});

/**
 * The Next.js config the build resolved (next.config.ts with its plugins), as Next's own
 * standalone server.js uses it: read from the build, so the server needs no next.config.ts (and
 * does not compile it at startup), and marked as such so Next.js does not warn that `next start`
 * ignores `output: 'standalone'`. docs/internals.md "The build's config for server.ts".
 */
function builtConfig() {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const file = path.join(dir, distDir, 'required-server-files.json');
  let config: NonNullable<Parameters<typeof next>[0]['conf']>;
  try {
    config = (JSON.parse(readFileSync(file, 'utf8')) as { config: typeof config }).config;
  } catch (error) {
    console.error(`> No production build in ${path.join(dir, distDir)}: run \`npm run build\` first`);
    throw error;
  }
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  return config;
}

/**
 * SIGTERM (a restart, a scale-down) or Ctrl+C: new chats get 503 server_restarting with
 * Retry-After, replies still streaming get SHUTDOWN_GRACE_MS to finish, then end with a
 * server_restarting error (the text so far stays in the browser); then the process exits 0.
 * A second signal exits at once.
 */
async function shutDown(signal: string) {
  const graceMs = shutdownGraceMs();
  process.once(signal, () => process.exit(0));
  console.log(`> ${signal}: finishing ${activeReplies()} streaming replies (up to ${graceMs} ms), no new chats`);
  const ended = await drainReplies(graceMs);
  if (ended) console.log(`> ended ${ended} replies still streaming after ${graceMs} ms (server_restarting)`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Connections kept alive by clients: closed once their last bytes have had a moment to go.
  setTimeout(() => server.closeAllConnections(), 1_000).unref();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutDown(signal));
