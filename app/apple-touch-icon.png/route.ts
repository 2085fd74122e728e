import { iconResponse } from '@/components/brand/image-routes';

/** The apple-touch icon (180×180), drawn once at build time. */
export const dynamic = 'force-static';

export function GET() {
  return iconResponse('appleTouch');
}
