import { codeTarget } from '@/lib/code/target';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Where "view code" snippets point: NVIDIA's public URL, or a placeholder for a private server. Never a key. */
export function GET(): Response {
  return Response.json(codeTarget(process.env), { headers: { 'cache-control': 'no-store' } });
}
