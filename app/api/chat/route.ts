import type { NextRequest } from 'next/server';
import { prepareReply, streamChat } from '@/lib/server/ai/reply';
import { methodNotAllowed } from '@/lib/server/http/read-json';
import { ChatRequestLog, refuseWhileShuttingDown } from '@/lib/server/ops/ops';
import { admitChatRequest, gateRequest } from '@/lib/server/security/gate';

export const runtime = 'nodejs';
export const maxDuration = 60;

// Not behind proxy.ts (see its matcher): the access code, when set, is checked here.
// One log line per request (lib/server/ops/ops.ts), its id in X-Request-Id.
export async function POST(req: NextRequest): Promise<Response> {
  const log = new ChatRequestLog();
  const denied = gateRequest(req);
  if (denied) return log.refused(denied);
  const restarting = refuseWhileShuttingDown();
  if (restarting) return log.refused(restarting);
  // Admission first: a client over its limits costs no reading, parsing or token counting.
  const admission = await admitChatRequest(req);
  if (!admission.ok) return log.refused(admission.response);
  // A conversation's title (issue #37): one short request through the same gate and limits; its
  // code loads only when a title is asked for.
  if (req.nextUrl.searchParams.get('mode') === 'title') {
    try {
      const { titleReply } = await import('@/lib/server/ai/title');
      return await titleReply(req, log);
    } finally {
      admission.release();
    }
  }
  // The client's stream slot is held until the reply is over (finished, failed or cancelled),
  // and given back at once when the request is refused below.
  try {
    const prepared = await prepareReply(req);
    if (prepared instanceof Response) {
      admission.release();
      return log.refused(prepared);
    }
    log.describe({ model: prepared.request.model, droppedTurns: prepared.droppedTurns });
    const onClose = (cancelled: boolean) => {
      admission.release();
      log.closed(cancelled);
    };
    return log.reply(streamChat({ ...prepared, signal: req.signal, observer: log, onClose }));
  } catch (error) {
    admission.release();
    throw error;
  }
}

const notAllowed = (req: NextRequest) => gateRequest(req) ?? methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
