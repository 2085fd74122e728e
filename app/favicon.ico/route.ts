import { faviconResponse } from '@/components/brand/image-routes';

/** favicon.ico (16, 32 and 48 px PNG entries), built once at build time: no binary in the repo. */
export const dynamic = 'force-static';

export function GET() {
  return faviconResponse();
}
