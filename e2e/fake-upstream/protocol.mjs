// Wire helpers for the fake upstream: request parsing, OpenAI-compatible chunk shapes, and an
// SSE writer that respects backpressure and stops the moment the client goes away.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

export const MODELS = [
  'institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1',
  'institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1',
];

/** The text of one message's `content`: a string, or OpenAI content parts. */
export function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** The text of the last message whose role is "user", or ''. */
export function lastUserText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const last = messages.findLast((message) => message?.role === 'user');
  return last ? contentText(last.content) : '';
}

/** A deterministic stand-in for a tokenizer: characters of all message contents / 2, at least 1. */
export function estimatePromptTokens(messages) {
  const list = Array.isArray(messages) ? messages : [];
  const chars = list.reduce((sum, message) => sum + [...contentText(message?.content)].length, 0);
  return Math.max(1, Math.round(chars / 2));
}

/** Splits text into tokens of a few code points each (never inside a surrogate pair). */
export function tokenize(text, sizes = [4, 5, 3, 6]) {
  const chars = [...text];
  const tokens = [];
  for (let i = 0, n = 0; i < chars.length; n += 1) {
    const size = sizes[n % sizes.length];
    tokens.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return tokens;
}

function usage(promptTokens, completionTokens) {
  return {
    prompt_tokens: promptTokens,
    total_tokens: promptTokens + completionTokens,
    completion_tokens: completionTokens,
  };
}

/** A non-streaming `chat.completion` answer. */
export function completion(body, text, completionTokens) {
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : MODELS[0],
    choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
    usage: usage(estimatePromptTokens(body.messages), completionTokens),
  };
}

/**
 * One streaming response. Every await rejects with the abort reason once `signal` aborts
 * (the client closed the connection), which clears pending timers at once.
 */
export function createStream(res, { body, signal, chunkDelayMs }) {
  const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const model = typeof body.model === 'string' ? body.model : MODELS[0];
  const promptTokens = estimatePromptTokens(body.messages);

  const stream = {
    body,
    signal,
    chunkDelayMs,

    /** Sends the 200 status line and headers now, before any body byte. */
    open() {
      if (res.headersSent) return;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.flushHeaders();
    },

    /**
     * A `chat.completion.chunk`. With `completionTokens` it carries NVIDIA's cumulative usage;
     * without it, no usage field at all (vLLM).
     */
    chunk(delta, { finishReason = null, completionTokens } = {}) {
      const chunk = {
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      };
      if (completionTokens !== undefined) chunk.usage = usage(promptTokens, completionTokens);
      return chunk;
    },

    /** vLLM's closing usage chunk (`stream_options.include_usage`). */
    usageChunk(completionTokens) {
      return {
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: usage(promptTokens, completionTokens),
      };
    },

    /** `data: <payload>` followed by a blank line; objects are JSON-encoded. */
    event(payload, eol = '\n') {
      return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}${eol}${eol}`;
    },

    /** Writes raw text or bytes, waiting for 'drain' when the socket buffer is full. */
    async write(data) {
      signal.throwIfAborted();
      if (!res.write(data)) await once(res, 'drain', { signal });
    },

    send(payload, eol) {
      return stream.write(stream.event(payload, eol));
    },

    done(eol) {
      return stream.send('[DONE]', eol);
    },

    async sleep(ms) {
      signal.throwIfAborted();
      if (ms > 0) await delay(ms, undefined, { signal });
    },

    /** Never resolves; rejects when the client disconnects. */
    hang() {
      return new Promise((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },

    end() {
      res.end();
    },
  };
  return stream;
}
