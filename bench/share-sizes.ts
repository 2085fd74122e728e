/**
 * Share link sizes for typical prompts: UTF-8 bytes of the payload JSON, link length with
 * deflate-raw + base64url (what we ship), base64url without deflate, and plain percent-encoded JSON.
 * Run: npx tsx bench/share-sizes.ts
 */
import { BUILTIN_PRESETS, localize } from '../lib/shared/presets/preset';
import { encodeShare } from '../lib/shared/share/codec';
import { shareUrl } from '../lib/client/share/link';
import type { SharePayload } from '../lib/shared/share/payload';

const ORIGIN = 'https://swallow-chat.vercel.app';

function payloadFor(id: string, extra: Partial<SharePayload> = {}): SharePayload {
  const preset = BUILTIN_PRESETS.find((p) => p.id === id)!;
  return {
    v: 1,
    name: localize(preset.name, 'ja'),
    systemPrompt: localize(preset.systemPrompt, 'ja'),
    params: preset.params,
    model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
    ...extra,
  };
}

const conversation = [
  { role: 'user' as const, content: '来週の会議の議事録を、要点を三つにまとめてください。' },
  {
    role: 'assistant' as const,
    content: '承知しました。議事録の本文を貼り付けていただければ、要点を三つに整理します。',
  },
  {
    role: 'user' as const,
    content: '新製品の発売日は四月一日、価格は据え置き、広告はSNS中心で進めることになりました。',
  },
  { role: 'assistant' as const, content: '・新製品は四月一日に発売\n・価格は据え置き\n・広告はSNSを中心に展開' },
];

const cases: [string, SharePayload][] = [
  ['default assistant (ja, 23 chars)', payloadFor('assistant')],
  [
    'business email preset (ja, 150 chars) + draft',
    payloadFor('business-email', { draft: '取引先に、納品が1週間遅れることをお詫びするメール' }),
  ],
  ['proofreading preset (ja)', payloadFor('proofread-ja')],
  ['email preset + 4-message conversation', payloadFor('business-email', { messages: conversation })],
  [
    '1,000-char Japanese prompt',
    payloadFor('assistant', {
      systemPrompt: BUILTIN_PRESETS.map((p) => localize(p.systemPrompt, 'ja'))
        .join('')
        .slice(0, 1000),
    }),
  ],
];

const rows = [];
for (const [label, payload] of cases) {
  const json = JSON.stringify(payload);
  const jsonBytes = new TextEncoder().encode(json).length;
  const link = shareUrl(ORIGIN, 'ja', await encodeShare(payload));
  const uncompressed = shareUrl(ORIGIN, 'ja', `1.${Buffer.from(json).toString('base64url')}`);
  const percentEncoded = shareUrl(ORIGIN, 'ja', encodeURIComponent(json));
  rows.push({
    case: label,
    'JSON bytes': jsonBytes,
    'link chars': link.length,
    'base64url, no deflate': uncompressed.length,
    'percent-encoded JSON': percentEncoded.length,
  });
}
console.table(rows);
