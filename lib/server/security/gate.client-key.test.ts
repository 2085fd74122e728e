import { describe, expect, it } from 'vitest';
import { pinClientAddress, trustsProxy } from '@/lib/server/http/forwarded';
import { clientKey, ipv6Prefix64 } from './gate';

const keyOf = (headers: Record<string, string>) => clientKey(new Headers(headers));

describe('clientKey', () => {
  it('uses the right-most X-Forwarded-For entry (the nearest proxy’s)', () => {
    expect(keyOf({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).toBe('203.0.113.7');
    expect(keyOf({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(keyOf({ 'x-real-ip': '198.51.100.2' })).toBe('198.51.100.2');
    expect(keyOf({})).toBe('unknown');
    expect(keyOf({ 'x-forwarded-for': 'not-an-address' })).toBe('unknown');
  });

  it('keys an IPv6 client by its /64, however the address is written', () => {
    const keys = ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:fffe', '2001:DB8:1:2:0:0:0:9%eth0'].map((a) =>
      keyOf({ 'x-forwarded-for': a }),
    );
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(keyOf({ 'x-forwarded-for': '2001:db8:1:3::1' })).toBe('2001:db8:1:3::/64');
    expect(keyOf({ 'x-forwarded-for': '::1' })).toBe('0:0:0:0::/64');
  });

  it('keys an IPv4 client reached over IPv6 (mapped, NAT64) as that IPv4 client, however written', () => {
    for (const address of [
      '::ffff:203.0.113.7',
      '::FFFF:cb00:7107',
      '0:0:0:0:0:ffff:203.0.113.7',
      '64:ff9b::203.0.113.7',
      '64:ff9b::cb00:7107',
      '0064:FF9B:0000:0000:0000:0000:CB00:7107',
    ]) {
      expect(keyOf({ 'x-forwarded-for': address }), address).toBe('203.0.113.7');
    }
    // Two NAT64 clients are two clients (they once shared the /64 64:ff9b:0:0).
    expect(keyOf({ 'x-forwarded-for': '64:ff9b::198.51.100.1' })).toBe('198.51.100.1');
    expect(keyOf({ 'x-forwarded-for': '::ffff:0:c633:6402' })).toBe('0:0:0:0::/64'); // SIIT, not mapped
    // Other prefixes near these stay IPv6 /64s.
    expect(keyOf({ 'x-forwarded-for': '64:ff9b:1::203.0.113.7' })).toBe('64:ff9b:1:0::/64');
    expect(keyOf({ 'x-forwarded-for': '::1:ffff:203.0.113.7' })).toBe('0:0:0:0::/64');
  });

  it('expands the first four groups of any IPv6 form', () => {
    expect(ipv6Prefix64('::')).toBe('0:0:0:0');
    expect(ipv6Prefix64('fe80::')).toBe('fe80:0:0:0');
    expect(ipv6Prefix64('1:2:3:4:5:6:7:8')).toBe('1:2:3:4');
    expect(ipv6Prefix64('1:2:3::1.2.3.4')).toBe('1:2:3:0');
    expect(ipv6Prefix64('1:2:3:4:5:6:1.2.3.4')).toBe('1:2:3:4');
  });
});

describe('pinClientAddress (server.ts)', () => {
  const spoofed = () => ({
    host: 'chat.example',
    'x-forwarded-for': '10.9.8.7',
    'x-real-ip': '10.9.8.7',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    forwarded: 'for=10.9.8.7',
  });

  it('without a trusted proxy, replaces what the client claims with the socket address', () => {
    const headers: Record<string, string> = spoofed();
    pinClientAddress(headers, '203.0.113.9', false);
    expect(headers).toEqual({ host: 'chat.example', 'x-forwarded-for': '203.0.113.9' });
    expect(clientKey(new Headers(headers))).toBe('203.0.113.9');
  });

  it('behind a trusted proxy, keeps the headers it wrote', () => {
    const headers: Record<string, string> = spoofed();
    pinClientAddress(headers, '127.0.0.1', true);
    expect(headers).toEqual(spoofed());
  });

  it('trusts the proxy only when TRUST_PROXY=1 or on Vercel', () => {
    expect(trustsProxy({})).toBe(false);
    expect(trustsProxy({ TRUST_PROXY: '0' })).toBe(false);
    expect(trustsProxy({ TRUST_PROXY: 'true' })).toBe(true);
    expect(trustsProxy({ TRUST_PROXY: '1' })).toBe(true);
    expect(trustsProxy({ VERCEL: '1' })).toBe(true);
  });
});
