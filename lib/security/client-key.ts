/**
 * Who a request is from, for rate limits: the client's IP address, taken from the
 * right-most X-Forwarded-For entry, the one written by the proxy nearest to us.
 *
 * - Vercel and most platforms set the header to the client's address themselves.
 * - nginx / Caddy / a load balancer append the address they saw: right-most is theirs.
 * - `next start` alone sets it to the socket address only when the client sent none, so a
 *   server exposed directly (no proxy in front) lets a client choose its key: put a proxy
 *   in front of public deployments (README, "Abuse protection").
 */
import 'server-only';
export function clientKey(headers: Headers): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const ip = forwarded.at(-1) ?? headers.get('x-real-ip')?.trim() ?? 'unknown';
  return ip.replace(/^::ffff:/, '').slice(0, 64);
}
