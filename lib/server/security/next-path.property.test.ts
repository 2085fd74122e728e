import { describe, expect, it } from 'vitest';
import { safeNextPath } from './gate';

/**
 * Property test of `next` (where the unlock page and POST /api/unlock send the browser): for
 * generated values built from the pieces open redirects are made of (dot segments, encoded dots
 * and slashes, backslashes, tabs and newlines, look-alike Unicode slashes, schemes, userinfo),
 * the Location we would send, resolved the way a browser resolves it (WHATWG URL, which also
 * drops tabs and newlines), stays on our origin; and it survives the round trip through the
 * form's hidden field unchanged.
 */

// A small seeded PRNG (mulberry32): every run tests the same values, and a failure names its seed.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '/',
  '/',
  '/',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '\t',
  '\n',
  '\r',
  '%09',
  '%0a',
  '%0d',
  ' ',
  '%20',
  '\u0000',
  '\u007f',
  '\u00a0',
  '\u2028',
  'evil.example',
  'evil.example:443',
  'user@',
  '@',
  ':',
  'https:',
  'http:',
  'javascript:',
  'data:',
  '?',
  '#',
  '&',
  '=',
  '%',
  '%25',
  '%252e',
  '%252f',
  'ja',
  'en',
  'unlock',
  'c',
  'x',
  '／',
  '＼',
  '⁄',
  '∕',
  '﹨',
  '。',
  '．',
  'ｅｖｉｌ',
  'さくら',
  '\ud83d\ude00',
  '\ud800',
] as const;

function generate(next: () => number): string {
  const pick = () => PIECES[Math.floor(next() * PIECES.length)];
  const length = 1 + Math.floor(next() * 8);
  let value = next() < 0.85 ? '/' : '';
  for (let i = 0; i < length; i++) value += pick();
  return value;
}

const ORIGIN = 'https://chat.example';
// Where the redirects come from: the unlock page (GET) and the unlock form's endpoint (POST).
const FROM = [`${ORIGIN}/ja/unlock?next=x`, `${ORIGIN}/api/unlock`];

function checkTarget(input: string) {
  const location = safeNextPath(input, '/ja');
  // A header value: printable ASCII only (no CR/LF to split it, nothing a browser would drop).
  expect(location, JSON.stringify(input)).toMatch(/^\/[\x21-\x7e]*$/);
  for (const from of FROM) {
    expect(new URL(location, from).origin, JSON.stringify(input)).toBe(ORIGIN);
  }
  // The unlock page puts it in the form's hidden field; the post reads it again, unchanged.
  expect(safeNextPath(location, '/en'), JSON.stringify(input)).toBe(location);
  return location;
}

describe('safeNextPath (property)', () => {
  it('the resolved redirect target stays on this origin, for 20,000 generated values', () => {
    const next = random(32);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = generate(next);
      // As typed into a link (`?next=` decoded by the query parser) and as posted raw.
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // not valid percent-encoding: the raw value only
      }
      for (const input of [value, decoded]) if (checkTarget(input) !== '/ja') accepted++;
    }
    // Not a test that passes by refusing everything: most generated paths are fine paths.
    expect(accepted).toBeGreaterThan(5_000);
  }, 60_000);

  it('refuses the values of the re-test (issue #32), which normalise to another host', () => {
    for (const value of [
      '/.//evil.example',
      '/%2e//evil.example',
      '/a/..//evil.example',
      '/%2e%2e//evil.example/x',
      '/.//evil.example/login',
      '/./\\evil.example',
      '/x/../\\evil.example',
      '/%2E%2E/%2e%2e//evil.example',
    ]) {
      expect(safeNextPath(value, '/ja'), value).toBe('/ja');
    }
  });

  it('keeps the paths people are really sent back to', () => {
    for (const value of ['/ja', '/en/c/abc?x=1#t', '/ja/share?p=1.x', '/ja/c/a.b', '/ja/検索']) {
      const location = checkTarget(value);
      expect(new URL(location, ORIGIN).pathname).toBe(new URL(value, ORIGIN).pathname);
    }
    expect(safeNextPath('/ja/./c/../share', '/en')).toBe('/ja/share');
  });
});
