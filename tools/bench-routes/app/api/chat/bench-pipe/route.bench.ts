// Bench only (tools/bench-routes/reference-routes.ts): a route only when built with SWALLOW_BENCH_ROUTES=1.
import type { NextRequest } from 'next/server';
import { pipeRoute } from '@/tools/bench-routes/reference-routes';
import { gateRequest } from '@/lib/server/security/gate';

export const runtime = 'nodejs';

export async function POST(req: NextRequest): Promise<Response> {
  return gateRequest(req) ?? pipeRoute(req);
}
