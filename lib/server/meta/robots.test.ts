import { describe, expect, it } from 'vitest';
import { robotsRules } from './robots';

describe('robots.txt', () => {
  it('keeps every crawler out of a private deployment', () => {
    expect(robotsRules({ ACCESS_CODE: 'open-sesame' })).toEqual({ rules: { userAgent: '*', disallow: '/' } });
    expect(robotsRules({ ACCESS_CODE: 'a, b' }).rules.disallow).toBe('/');
  });

  it('lets an open one be indexed, but not its API or conversation URLs', () => {
    for (const env of [{}, { ACCESS_CODE: '' }, { ACCESS_CODE: ' , ' }]) {
      const { rules } = robotsRules(env);
      expect(rules.allow).toBe('/');
      expect(rules.disallow).toEqual(['/api/', '/ja/c/', '/en/c/']);
    }
  });
});
