import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutMachinePaths } from './table';

const RESULTS = path.join(import.meta.dirname, '..', 'results');
const ABSOLUTE_PATH = /"(?:[A-Za-z]:\\\\|\/(?:work|home|root|tmp|Users|var|opt|mnt)\/)[^"]*"/g;

describe('bench results', () => {
  it('name paths relative to the checkout, the temp folder and home', () => {
    const json = JSON.stringify({
      appDir: '/srv/app',
      note: `at ${path.join(os.tmpdir(), 'x.js')}:1 and ${path.join(os.homedir(), 'y')}`,
    });
    expect(JSON.parse(withoutMachinePaths(json, '/srv/app'))).toEqual({
      appDir: '<repo>',
      note: 'at <tmp>/x.js:1 and ~/y',
    });
  });

  it('committed under bench/results carry no machine path', () => {
    for (const file of readdirSync(RESULTS).filter((name) => name.endsWith('.json'))) {
      expect(readFileSync(path.join(RESULTS, file), 'utf8').match(ABSOLUTE_PATH), file).toBeNull();
    }
  });
});
