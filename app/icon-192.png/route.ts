import { iconResponse } from '@/components/brand/image-routes';

/** The 192×192 manifest icon, drawn once at build time. */
export const dynamic = 'force-static';

export function GET() {
  return iconResponse('icon192');
}
