import type { MetadataRoute } from 'next';
import { robotsRules } from '@/lib/server/meta/robots';

// Read per request, not at build time: whether the deployment is private is known when it runs
// (ACCESS_CODE), so robots.txt cannot be a static file in public/. The proxy skips it (no gate):
// a crawler must be able to read that it is not welcome.
export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  return robotsRules();
}
