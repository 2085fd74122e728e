import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectUpstreamRequests, uniqueTag } from '../support';
import { chatBody, unlockedRequest } from './helpers';
import { GUARDED } from './settings';
import { BUILD_KEY_MARKER } from './build-marker';

const DIST = process.env.NEXT_DIST_DIR || '.next';
const UPSTREAM_PORT = Number(process.env.E2E_UPSTREAM_PORT ?? 4010);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('the API key reaches the upstream and nothing else: no client bundle, page or API response', async ({
  playwright,
  baseURL,
}) => {
  const context = await unlockedRequest(playwright, baseURL);

  // The key is really in use: the upstream received it.
  const tag = uniqueTag();
  const seen: string[] = [];
  const reply = await context.post('/api/chat', { data: chatBody(`hi ${tag}`) });
  seen.push(await reply.text());
  const [sent] = await expectUpstreamRequests(tag, 1);
  expect(sent.authorization).toBe(`Bearer ${GUARDED.apiKeyMarker}`);

  // Pages, an upstream error that echoes headers (401), a bad request, and every client file.
  for (const path of ['/ja', '/en', '/en/share?p=1.x', '/ja/unlock']) seen.push(await (await context.get(path)).text());
  seen.push(
    await (await context.post('/api/chat', { data: chatBody(`[[scenario:nvidia-401]] ${uniqueTag()}`) })).text(),
  );
  seen.push(await (await context.post('/api/chat', { data: { ...chatBody('x'), temperature: 9 } })).text());
  // An upstream whose 401 echoes the key it was sent and the URL it was called on.
  const echoed = await (
    await context.post('/api/chat', { data: chatBody(`[[scenario:echo-key-401]] ${uniqueTag()}`) })
  ).text();
  expect(echoed).toContain('bad_key');
  expect(echoed).toContain('[redacted]');
  expect(echoed).not.toContain(`127.0.0.1:${UPSTREAM_PORT}`);
  seen.push(echoed);
  const staticFiles = filesUnder(join(DIST, 'static'));
  expect(staticFiles.length).toBeGreaterThan(5);
  for (const file of staticFiles) seen.push(readFileSync(file, 'utf8'));

  for (const marker of [GUARDED.apiKeyMarker, BUILD_KEY_MARKER]) {
    expect(seen.filter((text) => text.includes(marker))).toEqual([]);
  }
  await context.dispose();
});
