import type { Endpoint, StallTimeouts } from '@/lib/server/ai/upstream';
import { streamChat } from '@/lib/server/ai/reply';

/** One UI message stream part as the browser receives it. */
export interface UIPart {
  type: string;
  delta?: string;
  id?: string;
  messageId?: string;
  errorText?: string;
  [key: string]: unknown;
}

export interface ScenarioReplyOptions {
  onClose?: () => void;
  timeouts?: StallTimeouts;
  coalesceSse?: boolean;
  /** Reads joined into one batch per interval once the text has begun (ui-sse.ts). */
  batchMs?: number;
  apiKey?: string;
  /** The endpoint as configured (resolveEndpoint), instead of `${upstreamUrl}/v1` with `apiKey`. */
  endpoint?: Endpoint;
  /** Served as a reasoning model (its profile says so). */
  reasoning?: boolean;
  /** The client's signal (the browser going away); by default one that never aborts. */
  signal?: AbortSignal;
}

/** What `streamChat` is given for a fake-upstream scenario as the only user message. */
export function scenarioChatInput(
  upstreamUrl: string,
  scenario: string,
  options: ScenarioReplyOptions = {},
): Parameters<typeof streamChat>[0] {
  const content = `[[scenario:${scenario}]]`;
  return {
    endpoint: options.endpoint ?? { kind: 'custom', baseURL: `${upstreamUrl}/v1`, apiKey: options.apiKey },
    request: {
      model: 'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
      system: '',
      temperature: 0.6,
      top_p: 0.9,
      max_tokens: 64,
      messages: [{ role: 'user', content }],
    },
    messages: [{ role: 'user', content }],
    droppedTurns: 0,
    signal: options.signal ?? new AbortController().signal,
    timeouts: options.timeouts ?? { firstByteMs: 5_000, idleMs: 5_000 },
    onClose: options.onClose,
    coalesceSse: options.coalesceSse,
    batchMs: options.batchMs,
    profile: { reasoning: options.reasoning ?? false },
  };
}

/**
 * The reply `streamChat` gives for a fake-upstream scenario (`[[scenario:NAME]]`
 * as the only user message), read whole: the raw SSE text, its events, and the parsed parts.
 */
export async function scenarioReply(upstreamUrl: string, scenario: string, options: ScenarioReplyOptions = {}) {
  const started = Date.now();
  const response = streamChat(scenarioChatInput(upstreamUrl, scenario, options));
  const raw = await response.text();
  const elapsed = Date.now() - started;
  const events = raw.split('\n\n').filter(Boolean);
  const parts = events.filter((e) => e !== 'data: [DONE]').map((e) => JSON.parse(e.slice('data: '.length)) as UIPart);
  const deltas = parts.filter((p) => p.type === 'text-delta');
  const reasoning = parts
    .filter((p) => p.type === 'reasoning-delta')
    .map((p) => p.delta)
    .join('');
  return {
    response,
    raw,
    elapsed,
    events,
    parts,
    text: deltas.map((p) => p.delta).join(''),
    reasoning,
    deltas: deltas.length,
  };
}
