import type { NextRequest } from 'next/server';
import { methodNotAllowed } from '@/lib/server/http/read-json';
import { refuseWhileShuttingDown } from '@/lib/server/ops/ops';
import { admitChatRequest, gateRequest } from '@/lib/server/security/gate';
import { transcribe } from '@/lib/server/speech/transcription';

export const runtime = 'nodejs';
export const maxDuration = 60;

// Voice input where the browser has no speech recognition (or the operator keeps audio in-house):
// the recording, forwarded to the operator's OpenAI-compatible /audio/transcriptions. Not behind
// proxy.ts (like /api/chat): the access code is checked here, and the per-client limits are the
// chat's (a transcription counts as a request and holds a slot while it runs).
export async function POST(req: NextRequest): Promise<Response> {
  const denied = gateRequest(req) ?? refuseWhileShuttingDown();
  if (denied) return denied;
  const admission = await admitChatRequest(req);
  if (!admission.ok) return admission.response;
  try {
    return await transcribe(req);
  } finally {
    admission.release();
  }
}

const notAllowed = (req: NextRequest) => gateRequest(req) ?? methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
