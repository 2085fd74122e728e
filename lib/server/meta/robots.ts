import { parseAccessCodes } from '@/lib/server/security/limits';

export interface RobotsRules {
  rules: { userAgent: string; allow?: string; disallow: string | string[] };
}

/**
 * What crawlers may fetch. A private deployment (ACCESS_CODE set) is not indexed at all; an open
 * one may be, but for its API and its conversations (each lives only in its visitor's browser).
 */
export function robotsRules(env: Record<string, string | undefined> = process.env): RobotsRules {
  if (parseAccessCodes(env.ACCESS_CODE).length > 0) return { rules: { userAgent: '*', disallow: '/' } };
  return { rules: { userAgent: '*', allow: '/', disallow: ['/api/', '/ja/c/', '/en/c/'] } };
}
