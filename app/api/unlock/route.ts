import { methodNotAllowed } from '@/lib/server/http/read-json';
import { clientKey } from '@/lib/server/security/gate';
import { resolveSecurityConfig, getLimits } from '@/lib/server/security/limits';
import { attemptUnlock, crossSiteRefusal, readUnlockForm, unlockResponse } from '@/lib/server/security/unlock';

export const runtime = 'nodejs';

/** The unlock form posts here (works without JavaScript): the signed cookie, or back with why. */
export async function POST(req: Request): Promise<Response> {
  const crossSite = crossSiteRefusal(req);
  if (crossSite) return crossSite;
  const parsed = await readUnlockForm(req);
  if (!parsed.ok) return parsed.response;
  const config = resolveSecurityConfig();
  const outcome = await attemptUnlock(parsed.form, clientKey(req.headers), config, getLimits(config));
  return unlockResponse(outcome, req);
}

const notAllowed = () => methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
