// The streaming chunks of each OpenAI-compatible server the README lists, in the shape each
// writes them (key order, nulls, extra fields, where usage comes), for `[[scenario:wire-<server>]]`. Events
// go out in bursts of several per write, as a fast server or a late socket read delivers them,
// so the SSE coalescer (lib/server/ai/ui-sse.ts) has runs to merge.
import { randomBytes } from 'node:crypto';
import { estimatePromptTokens, MODELS, tokenize } from './protocol.mjs';

export const WIRE_TEXT = '東京の**「重要」**な会議は、3月31日（月）です。🍣\n\n- 議題一\n- 議題二';

const usage = (prompt, completion) => ({
  prompt_tokens: prompt,
  total_tokens: prompt + completion,
  completion_tokens: completion,
});

/**
 * Builds the `data:` payloads of one reply per server. `tokens` are the content deltas;
 * `ctx` has id, created, model and promptTokens.
 * @typedef {{ id: string, created: number, model: string, promptTokens: number }} WireContext
 * @type {Record<string, (tokens: string[], ctx: WireContext) => object[]>}
 */
export const SERVER_WIRES = {
  // NVIDIA API catalog: cumulative usage on every chunk, finish_reason on the last content chunk.
  nvidia: (tokens, { id, created, model, promptTokens }) => [
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: null }, logprobs: null, finish_reason: null }],
      usage: usage(promptTokens, 0),
    },
    ...tokens.map((content, i) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [
        {
          index: 0,
          delta: { role: null, content },
          logprobs: null,
          finish_reason: i === tokens.length - 1 ? 'stop' : null,
        },
      ],
      usage: usage(promptTokens, i + 1),
    })),
  ],

  // Self-hosted NIM for LLMs: `usage: null` on content chunks, `stop_reason` beside finish_reason,
  // a usage chunk with empty choices at the end (stream_options.include_usage).
  nim: (tokens, { id, created, model, promptTokens }) => [
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      usage: null,
    },
    ...tokens.map((content, i) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [
        {
          index: 0,
          delta: { content },
          logprobs: null,
          finish_reason: i === tokens.length - 1 ? 'stop' : null,
          ...(i === tokens.length - 1 ? { stop_reason: null } : {}),
        },
      ],
      usage: null,
    })),
    { id, object: 'chat.completion.chunk', created, model, choices: [], usage: usage(promptTokens, tokens.length) },
  ],

  // vLLM: unset fields left out (no usage on chunks), a final usage chunk with empty choices.
  vllm: (tokens, { id, created, model, promptTokens }) => [
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    },
    ...tokens.map((content) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    })),
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop', stop_reason: null }],
    },
    { id, object: 'chat.completion.chunk', created, model, choices: [], usage: usage(promptTokens, tokens.length) },
  ],

  // Ollama: system_fingerprint, the role on every delta, no logprobs, an empty closing delta,
  // then the usage chunk.
  ollama: (tokens, { id, created, model, promptTokens }) => [
    ...tokens.map((content) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }],
    })),
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }],
    },
    {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_ollama',
      choices: [],
      usage: usage(promptTokens, tokens.length),
    },
  ],

  // llama.cpp server: choices first, a null-content role delta, an empty delta with the finish
  // reason, usage and timings on the last chunk.
  llamacpp: (tokens, { id, created, model, promptTokens }) => [
    {
      choices: [{ finish_reason: null, index: 0, delta: { role: 'assistant', content: null } }],
      created,
      id,
      model,
      system_fingerprint: 'b6100-1e15bfd4',
      object: 'chat.completion.chunk',
    },
    ...tokens.map((content) => ({
      choices: [{ finish_reason: null, index: 0, delta: { content } }],
      created,
      id,
      model,
      system_fingerprint: 'b6100-1e15bfd4',
      object: 'chat.completion.chunk',
    })),
    {
      choices: [{ finish_reason: 'stop', index: 0, delta: {} }],
      created,
      id,
      model,
      system_fingerprint: 'b6100-1e15bfd4',
      object: 'chat.completion.chunk',
      usage: {
        completion_tokens: tokens.length,
        prompt_tokens: promptTokens,
        total_tokens: promptTokens + tokens.length,
      },
      timings: { prompt_n: promptTokens, prompt_ms: 12.5, predicted_n: tokens.length, predicted_ms: 80.1 },
    },
  ],
};

/** A scenario that streams WIRE_TEXT as `server` does, a few events per write. */
export function wireScenario(server) {
  return {
    run: async (s) => {
      const ctx = {
        id:
          server === 'llamacpp'
            ? `chatcmpl-${randomBytes(16).toString('base64url')}`
            : `chatcmpl-${randomBytes(12).toString('hex')}`,
        created: Math.floor(Date.now() / 1000),
        model: typeof s.body.model === 'string' ? s.body.model : MODELS[0],
        promptTokens: estimatePromptTokens(s.body.messages),
      };
      const events = [
        ...SERVER_WIRES[server](tokenize(WIRE_TEXT, [2, 3, 1, 4]), ctx).map((chunk) => s.event(chunk)),
        s.event('[DONE]'),
      ];
      s.open();
      for (let i = 0; i < events.length; i += 5) {
        await s.write(events.slice(i, i + 5).join(''));
        await s.sleep(s.chunkDelayMs);
      }
      s.end();
    },
    text: () => WIRE_TEXT,
  };
}
