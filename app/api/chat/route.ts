import type { NextRequest } from 'next/server';
import { prepareReply } from '@/lib/ai/prepare-reply';
import { streamChat } from '@/lib/ai/stream-chat';
import { methodNotAllowed } from '@/lib/http/read-json';
import { admitChatRequest } from '@/lib/security/admission';
import { gateRequest } from '@/lib/security/gate';

export const runtime = 'nodejs';
export const maxDuration = 60;

// Not behind proxy.ts (see its matcher): the access code, when set, is checked here.
export async function POST(req: NextRequest): Promise<Response> {
  const denied = gateRequest(req);
  if (denied) return denied;
  // Admission first: a client over its limits costs no reading, parsing or token counting.
  const admission = await admitChatRequest(req);
  if (!admission.ok) return admission.response;
  // The client's stream slot is held until the reply is over (finished, failed or cancelled),
  // and given back at once when the request is refused below.
  try {
    const prepared = await prepareReply(req);
    if (prepared instanceof Response) {
      admission.release();
      return prepared;
    }
    return streamChat({ ...prepared, signal: req.signal, onClose: admission.release });
  } catch (error) {
    admission.release();
    throw error;
  }
}

const notAllowed = (req: NextRequest) => gateRequest(req) ?? methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
