// Error responses as real upstreams send them (DESIGN.md §5): status, headers and body bytes.
// NVIDIA answers with problem-details JSON, vLLM/Ollama/llama.cpp with their own shapes.

const JSON_TYPE = { 'content-type': 'application/json' };

/** @type {Record<string, { status: number, headers: Record<string, string>, body: string }>} */
export const ERROR_SCENARIOS = {
  'nvidia-400': {
    status: 400,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'urn:kaizen:problem-details:bad-request',
      title: 'Bad Request',
      status: 400,
      detail:
        "[{'type': 'less_than_equal', 'loc': ('body', 'max_tokens'), 'msg': 'Input should be less than or equal to 4096', 'input': 100000, 'ctx': {'le': 4096}}]",
    }),
  },
  'nvidia-401': {
    status: 401,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    body: '',
  },
  'nvidia-403': {
    status: 403,
    headers: JSON_TYPE,
    body: JSON.stringify({ status: 403, title: 'Forbidden', detail: 'Authorization failed' }),
  },
  'nvidia-404': {
    status: 404,
    headers: JSON_TYPE,
    body: JSON.stringify({ status: 404, title: 'Not Found', detail: "Function 'a1b2c3': Not found for account 'xyz'" }),
  },
  'nvidia-429': {
    status: 429,
    headers: { ...JSON_TYPE, 'retry-after': '7' },
    body: JSON.stringify({ status: 429, title: 'Too Many Requests' }),
  },
  // A wait longer than the app sits out silently: the error must reach the browser at once.
  'nvidia-429-17': {
    status: 429,
    headers: { ...JSON_TYPE, 'retry-after': '17' },
    body: JSON.stringify({ status: 429, title: 'Too Many Requests' }),
  },
  'nvidia-429-data-prefix': {
    status: 429,
    headers: JSON_TYPE,
    body: `data: ${JSON.stringify({ status: 429, title: 'Too Many Requests' })}`,
  },
  'nvidia-500': {
    status: 500,
    headers: JSON_TYPE,
    body: JSON.stringify({ status: 500, title: 'Internal Server Error', detail: 'Inference error' }),
  },
  'nvidia-502': {
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>502 Bad Gateway</body></html>',
  },
  'vllm-400-flat': {
    status: 400,
    headers: JSON_TYPE,
    body: JSON.stringify({
      object: 'error',
      message:
        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8488 in the messages, 512 in the completion). Please reduce the length of the messages or completion.",
      type: 'BadRequestError',
      param: null,
      code: 400,
    }),
  },
  'vllm-400-nested': {
    status: 400,
    headers: JSON_TYPE,
    body: JSON.stringify({
      error: {
        message: 'temperature must be non-negative, got -1.0.',
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
    }),
  },
  'vllm-404': {
    status: 404,
    headers: JSON_TYPE,
    body: JSON.stringify({
      error: { message: 'The model `x` does not exist.', type: 'NotFoundError', param: null, code: 404 },
    }),
  },
  'ollama-404': {
    status: 404,
    headers: JSON_TYPE,
    body: JSON.stringify({
      error: {
        message: 'model "swallow" not found, try pulling it first',
        type: 'not_found_error',
        param: null,
        code: null,
      },
    }),
  },
  'ollama-500': {
    status: 500,
    headers: JSON_TYPE,
    body: JSON.stringify({
      error: { message: 'llama runner process has terminated', type: 'api_error', param: null, code: null },
    }),
  },
  'llamacpp-503': {
    status: 503,
    headers: JSON_TYPE,
    body: JSON.stringify({ error: { code: 503, message: 'Loading model', type: 'unavailable_error' } }),
  },
  'llamacpp-context': {
    status: 400,
    headers: JSON_TYPE,
    body: JSON.stringify({
      error: {
        code: 400,
        message: 'the request exceeds the available context size, try increasing it',
        type: 'exceed_context_size_error',
        n_prompt_tokens: 9000,
        n_ctx: 8192,
      },
    }),
  },
};

/**
 * Scenarios whose first request for a given last user message fails with this error, and every
 * later one streams the plain reply: a 1 s Retry-After the app sits out silently, then succeeds.
 * @type {Record<string, { status: number, headers: Record<string, string>, body: string }>}
 */
export const FIRST_ATTEMPT_ERRORS = {
  'nvidia-429-once': {
    status: 429,
    headers: { ...JSON_TYPE, 'retry-after': '1' },
    body: JSON.stringify({ status: 429, title: 'Too Many Requests' }),
  },
};

/** Our own complaint (not an upstream imitation), in OpenAI's nested shape. */
export function fakeError(status, message, code) {
  return {
    status,
    headers: JSON_TYPE,
    body: JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } }),
  };
}

/**
 * An OpenAI-style 401 that echoes the key it was sent and the URL it was called on, as some
 * servers and proxies do: nothing of it may reach the browser.
 */
export function echoKeyError(authorization, url) {
  const key = (authorization ?? '').replace(/^Bearer\s+/i, '');
  return fakeError(401, `Incorrect API key provided: ${key} for ${url}.`, 'invalid_api_key');
}
