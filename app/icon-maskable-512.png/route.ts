import { iconResponse } from '@/components/brand/image-routes';

/** The 512×512 maskable manifest icon (bird inside the safe zone), drawn once at build time. */
export const dynamic = 'force-static';

export function GET() {
  return iconResponse('maskable512');
}
