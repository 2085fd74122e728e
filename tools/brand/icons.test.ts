import { describe, expect, it } from 'vitest';
import { staleBrandFiles } from './icons';

describe('the committed icons and share card', () => {
  it('are what the art draws now (else: npx tsx tools/brand/icons.tsx)', async () => {
    expect(await staleBrandFiles()).toEqual([]);
  }, 30_000);
});
