/**
 * `npm run start:prod`: the production server. Next.js's own request handler behind a plain
 * Node HTTP server, for one reason: the client's socket address, which `next start` does not
 * keep when the client sends an X-Forwarded-For of its own (per-client limits would then
 * believe any address a client invents). See lib/http/forwarded.ts and README "TRUST_PROXY".
 *
 *   node server.ts [--hostname 0.0.0.0] [--port 3000]      (or HOSTNAME / PORT)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { pinClientAddress, trustsProxy } from './lib/http/forwarded.ts';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const port = Number(values.port ?? process.env.PORT ?? 3000);
const trustProxy = trustsProxy();

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  pinClientAddress(req.headers, req.socket.remoteAddress, trustProxy);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`> Swallow Chat on http://${hostname}:${port}${trustProxy ? ' (trusting the proxy in front)' : ''}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
