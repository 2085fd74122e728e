// Bench only (lib/server/ai/reference-routes.ts): a route only when built with SWALLOW_BENCH_ROUTES=1.
import type { NextRequest } from 'next/server';
import { streamTextRoute } from '@/lib/server/ai/reference-routes';
import { gateRequest } from '@/lib/server/security/gate';

export const runtime = 'nodejs';

export async function POST(req: NextRequest): Promise<Response> {
  return gateRequest(req) ?? streamTextRoute(req);
}
