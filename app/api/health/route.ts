import type { NextRequest } from 'next/server';
import { getServerConfig } from '@/lib/server/ai/upstream';
import { healthResponse } from '@/lib/server/ops/health';
import { isShuttingDown } from '@/lib/server/ops/shutdown-state';
import { resolveSecurityConfig, getLimits } from '@/lib/server/security/limits';

export const dynamic = 'force-dynamic';

// Open on purpose (not behind proxy.ts, no access code): load balancers and orchestrators probe
// it without a cookie. It answers {"status":"ok"|"unavailable"} and nothing more.
export async function GET(req: NextRequest): Promise<Response> {
  return healthResponse(req.nextUrl.searchParams.get('ready') === '1', {
    endpointConfigured: () => getServerConfig().endpoint !== null,
    redisReachable: () => getLimits(resolveSecurityConfig()).redisReachable(),
    shuttingDown: isShuttingDown,
    accessMisconfigured: () => resolveSecurityConfig().misconfigured,
  });
}
