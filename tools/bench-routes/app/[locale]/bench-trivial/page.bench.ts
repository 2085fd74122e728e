// Bench only (tools/bench-routes/reference-routes.ts): a page only when built with SWALLOW_BENCH_ROUTES=1.
// bench/lighthouse.ts: a page as trivial as bench/floor-app's (its text in Japanese too, as every
// page of ours shows some) under our root layout, to tell what the page around the chat costs
// from what the chat's components cost (issue #35 item 5).
import { createElement as h } from 'react';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { benchRoutesEnabled } from '@/tools/bench-routes/reference-routes';
import { TrivialCounter } from './trivial-counter';

export default async function BenchTrivialPage() {
  await connection();
  if (!benchRoutesEnabled()) notFound();
  return h(
    'main',
    null,
    h('h1', null, 'Swallow Chat のベンチ用ページ'),
    h(
      'p',
      null,
      'サーバーで描いたページに、クライアントの部品がひとつ。Rendered on the server, with one client component.',
    ),
    h(TrivialCounter),
  );
}
