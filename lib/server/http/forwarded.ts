/**
 * Who sent a request, as far as this server can know. Without a proxy in front, every
 * `X-Forwarded-*` header is whatever the client chose to send: only the socket address is
 * true. Behind a proxy that sets those headers (nginx, a load balancer: `TRUST_PROXY=1`) or on
 * Vercel (whose platform overwrites them), the headers are the truth.
 *
 * No `server-only` here: server.ts imports this module from plain Node.
 */
type Env = Record<string, string | undefined>;

export const trustsProxy = (env: Env = process.env): boolean =>
  /^(?:1|true|yes)$/i.test(env.TRUST_PROXY?.trim() ?? '') || env.VERCEL === '1';

/** Headers only a trusted proxy may set. */
const PROXY_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
];

/**
 * Before Next.js reads a request: unless a proxy is trusted, drops the client's forwarding
 * headers and records the socket address as X-Forwarded-For (Next.js then sets the host and
 * protocol ones from the connection itself).
 */
export function pinClientAddress(
  headers: Record<string, string | string[] | undefined>,
  socketAddress: string | undefined,
  trustProxy: boolean,
): void {
  if (trustProxy) return;
  for (const name of PROXY_HEADERS) delete headers[name];
  if (socketAddress) headers['x-forwarded-for'] = socketAddress;
}
