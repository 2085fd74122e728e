import { describe, expect, it } from 'vitest';
import * as z from './zod-mini';

// This file imports no full zod: the messages below come from the locale zod-mini.ts configures.
describe('zod-mini', () => {
  it('words issues in English as full zod does', () => {
    const schema = z.strictObject({
      name: z.string().check(z.trim(), z.maxLength(3)),
      n: z.number().check(z.int(), z.gte(1)),
    });
    const result = schema.safeParse({ name: ' abcd ', n: 0.5, extra: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Too big: expected string to have <=3 characters',
      'Invalid input: expected int, received number',
      'Unrecognized key: "extra"',
    ]);
  });
});
