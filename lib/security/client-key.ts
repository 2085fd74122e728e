/**
 * Who a request is from, for per-client limits: the right-most X-Forwarded-For entry. Our
 * server (server.ts) sets it to the socket address unless TRUST_PROXY=1 says a proxy in front
 * writes it (then the right-most entry is the one that proxy appended); Vercel's platform
 * overwrites it. An IPv6 client is keyed by its /64: one subscriber usually gets a whole /64,
 * and could otherwise take a new address per request.
 */
import 'server-only';
import { isIP } from 'node:net';

export function clientKey(headers: Headers): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = (forwarded.at(-1) ?? headers.get('x-real-ip')?.trim() ?? '').replace(/^::ffff:(?=\d+\.)/i, '');
  switch (isIP(address)) {
    case 4:
      return address;
    case 6:
      return `${ipv6Prefix64(address)}::/64`;
    default:
      return 'unknown';
  }
}

/** The first four groups of an IPv6 address, expanded (`2001:db8::1` → `2001:db8:0:0`). */
export function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.replace(/%.*$/, '').toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two groups; only the first four groups matter.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const zeros = Array(Math.max(0, 8 - width(headGroups) - width(tailGroups))).fill('0');
  return [...headGroups, ...zeros, ...tailGroups]
    .slice(0, 4)
    .map((group) => (group.includes('.') ? '0' : group.replace(/^0+(?=.)/, '')))
    .join(':');
}
