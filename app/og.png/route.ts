import { ogImageResponse } from '@/components/brand/image-routes';

/** The default Open Graph / Twitter image (1200×630), drawn once at build time. */
export const dynamic = 'force-static';

export function GET() {
  return ogImageResponse();
}
