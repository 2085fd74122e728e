import { describe, expect, it } from 'vitest';
import { createAccessToken, matchAccessCode, safeNextPath, verifyAccessToken } from './gate';
import { parseAccessCodes, resolveSecurityConfig } from './limits';

const codes = ['さくら-2025', 'team-blue'];
const secret = 'test-secret';

describe('access codes', () => {
  it('parses one or several codes', () => {
    expect(parseAccessCodes(undefined)).toEqual([]);
    expect(parseAccessCodes(' one ')).toEqual(['one']);
    expect(parseAccessCodes('a, b,,a')).toEqual(['a', 'b']);
  });

  it('matches any configured code, trimmed, and nothing else', () => {
    expect(matchAccessCode('team-blue', codes, secret)).toBe('team-blue');
    expect(matchAccessCode(' さくら-2025 ', codes, secret)).toBe('さくら-2025');
    expect(matchAccessCode('team-blu', codes, secret)).toBeNull();
    expect(matchAccessCode('', codes, secret)).toBeNull();
    expect(matchAccessCode('team-blue', [], secret)).toBeNull();
  });

  it('signs a cookie that verifies until it expires', () => {
    const now = Date.UTC(2025, 0, 1);
    const token = createAccessToken('team-blue', secret, now);
    expect(verifyAccessToken(token, codes, secret, now)).toBe(true);
    expect(verifyAccessToken(token, codes, secret, now + 29 * 86_400_000)).toBe(true);
    expect(verifyAccessToken(token, codes, secret, now + 31 * 86_400_000)).toBe(false);
    expect(token).not.toContain('team-blue');
  });

  it('rejects tampered, foreign, revoked and malformed cookies', () => {
    const token = createAccessToken('team-blue', secret);
    const [v, exp, tag, sig] = token.split('.');
    expect(verifyAccessToken(`${v}.${Number(exp) + 1000}.${tag}.${sig}`, codes, secret)).toBe(false);
    // The first character changed (the last one may carry padding bits a decoder ignores).
    const otherFirst = sig[0] === 'A' ? 'B' : 'A';
    expect(verifyAccessToken(`${v}.${exp}.${tag}.${otherFirst}${sig.slice(1)}`, codes, secret)).toBe(false);
    expect(verifyAccessToken(token, codes, 'other-secret')).toBe(false);
    expect(verifyAccessToken(token, ['さくら-2025'], secret)).toBe(false); // team-blue removed
    for (const bad of [undefined, '', 'x', 'v1.1.2', 'v2.1.2.3', '....'])
      expect(verifyAccessToken(bad, codes, secret)).toBe(false);
  });

  it('requires a random ACCESS_COOKIE_SECRET of 32+ characters with ACCESS_CODE (no key derived from the codes)', () => {
    const secret = 'q8J0m3ZlV2xF6tN1bR4sY7wE9uA5cD2h';
    expect(resolveSecurityConfig({ ACCESS_CODE: 'a', ACCESS_COOKIE_SECRET: secret })).toMatchObject({
      cookieSecret: secret,
    });
    expect(resolveSecurityConfig({ ACCESS_CODE: 'a', ACCESS_COOKIE_SECRET: secret }).misconfigured).toBeUndefined();
    for (const weak of [undefined, '', 's', 'short-secret-of-31-characters-x']) {
      const config = resolveSecurityConfig({ ACCESS_CODE: 'letmein-2026', ACCESS_COOKIE_SECRET: weak });
      expect(config.misconfigured).toMatch(/ACCESS_COOKIE_SECRET must be a random string of at least 32/);
      expect(config.cookieSecret).not.toContain('letmein-2026');
    }
    expect(resolveSecurityConfig({}).accessCodes).toEqual([]);
    expect(resolveSecurityConfig({}).misconfigured).toBeUndefined();
  });

  it('only redirects to paths on this site after unlocking', () => {
    expect(safeNextPath('/en?x=1', '/ja')).toBe('/en?x=1');
    expect(safeNextPath('/ja/share?p=1.abc#top', '/ja')).toBe('/ja/share?p=1.abc#top');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      // What `?next=/%09/evil.example/x` decodes to: browsers strip the tab, leaving //evil.example.
      '/\t/evil.example/x',
      '/\n/evil.example',
      '/ja\r\nSet-Cookie: x=1',
      '/\u0000/evil.example',
      'javascript:alert(1)',
      3,
      undefined,
    ]) {
      expect(safeNextPath(bad, '/ja')).toBe('/ja');
    }
  });
});

describe('limit settings', () => {
  it('has defaults, accepts 0 to switch a limit off, ignores nonsense', () => {
    expect(resolveSecurityConfig({})).toMatchObject({ requestsPerMinute: 20, concurrentStreams: 3, unlockAttempts: 5 });
    expect(resolveSecurityConfig({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_CONCURRENT: '0' })).toMatchObject({
      requestsPerMinute: 0,
      concurrentStreams: 0,
    });
    expect(resolveSecurityConfig({ RATE_LIMIT_PER_MINUTE: '-3', REDIS_URL: ' redis://x:1 ' })).toMatchObject({
      requestsPerMinute: 20,
      redisUrl: 'redis://x:1',
    });
  });

  it("takes the stream slots' lease in seconds, 30 by default and never under 3", () => {
    expect(resolveSecurityConfig({}).streamLeaseMs).toBe(30_000);
    expect(resolveSecurityConfig({ RATE_LIMIT_STREAM_LEASE_SECONDS: '5' }).streamLeaseMs).toBe(5_000);
    expect(resolveSecurityConfig({ RATE_LIMIT_STREAM_LEASE_SECONDS: '1' }).streamLeaseMs).toBe(3_000);
    expect(resolveSecurityConfig({ RATE_LIMIT_STREAM_LEASE_SECONDS: 'soon' }).streamLeaseMs).toBe(30_000);
  });
});
