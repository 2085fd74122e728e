/**
 * Who a request is from, for per-client limits: the right-most X-Forwarded-For entry. Our
 * server (server.ts) sets it to the socket address unless TRUST_PROXY=1 says a proxy in front
 * writes it (then the right-most entry is the one that proxy appended); Vercel's platform
 * overwrites it. An IPv6 client is keyed by its /64: one subscriber usually gets a whole /64,
 * and could otherwise take a new address per request. An IPv6 address that carries an IPv4 one
 * (IPv4-mapped `::ffff:a.b.c.d`, as a dual-stack socket reports IPv4 clients, and NAT64's
 * well-known prefix `64:ff9b::/96`, as a NAT64 gateway's IPv6-only clients reach an IPv4 host)
 * is keyed as that IPv4 client: otherwise every such client would share one /64 key.
 */
import 'server-only';
import { isIP } from 'node:net';

export function clientKey(headers: Headers): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = forwarded.at(-1) ?? headers.get('x-real-ip')?.trim() ?? '';
  switch (isIP(address)) {
    case 4:
      return address;
    case 6: {
      const groups = ipv6Groups(address);
      return embeddedIpv4(groups) ?? `${groups.slice(0, 4).map(hex).join(':')}::/64`;
    }
    default:
      return 'unknown';
  }
}

const hex = (group: number) => group.toString(16);

/**
 * The eight 16-bit groups of an IPv6 address (which isIP accepted), in any of its forms:
 * `::` shortening, an embedded dotted IPv4 tail, a zone (`%eth0`, ignored), any case.
 */
export function ipv6Groups(address: string): number[] {
  const [head, tail] = address.replace(/%.*$/, '').toLowerCase().split('::');
  const parse = (part: string | undefined) =>
    (part ? part.split(':') : []).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0xffff]; // ::ffff:0:0/96
const NAT64_PREFIX = [0x64, 0xff9b, 0, 0, 0, 0]; // 64:ff9b::/96 (RFC 6052)

/** The IPv4 client inside `::ffff:0:0/96` (mapped) or `64:ff9b::/96` (NAT64), else null. */
export function embeddedIpv4(groups: number[]): string | null {
  const has = (prefix: number[]) => prefix.every((group, i) => groups[i] === group);
  if (!has(MAPPED_PREFIX) && !has(NAT64_PREFIX)) return null;
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
}

/** The first four groups of an IPv6 address, expanded (`2001:db8::1` → `2001:db8:0:0`). */
export function ipv6Prefix64(address: string): string {
  return ipv6Groups(address).slice(0, 4).map(hex).join(':');
}
