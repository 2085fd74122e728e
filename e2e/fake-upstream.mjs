// A hermetic fake of an OpenAI-compatible upstream (NVIDIA / vLLM / Ollama / llama.cpp flavours),
// for the Playwright e2e run and benchmarks. Node built-ins only.
//
//   node e2e/fake-upstream.mjs            # listens on $FAKE_UPSTREAM_PORT or 4010
//
// Routes: GET / and /health → "ok"; GET /v1/models; POST /v1/chat/completions;
// POST /v1/audio/transcriptions (multipart audio in, `{ text }` out: fake-upstream/transcription.mjs);
// GET /__requests?contains=STR (the request log, filtered; the app's title requests only with
// &kind=title, so counts of a conversation's replies stay what they were); POST /__reset.
// Put `[[scenario:NAME]]` in the last user message to pick a behaviour (see fake-upstream/);
// `[[scenario@PART:NAME]]` picks it only for requests whose model id contains PART (one prompt
// sent to two models, as compare mode does, can then fail for one of them).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { echoKeyError, ERROR_SCENARIOS, fakeError, FIRST_ATTEMPT_ERRORS } from './fake-upstream/errors.mjs';
import { completion, createStream, lastUserText, MODELS, tokenize } from './fake-upstream/protocol.mjs';
import { plainReply, STREAM_SCENARIOS } from './fake-upstream/scenarios.mjs';
import { showcaseReply } from './fake-upstream/showcase.mjs';
import { delay, isTitleRequest, titleAnswer } from './fake-upstream/titles.mjs';
import { transcription } from './fake-upstream/transcription.mjs';

export { MODELS } from './fake-upstream/protocol.mjs';
export {
  MALFORMED_TEXT,
  REASONING_ANSWER,
  REASONING_PIECES,
  UTF8_SPLIT_TEXT,
  XSS_TEXT,
} from './fake-upstream/scenarios.mjs';

const SCENARIO_PATTERN = /\[\[scenario:([a-z0-9_-]+)\]\]/;
const MODEL_SCENARIO_PATTERN = /\[\[scenario@([^:\]]+):([a-z0-9_-]+)\]\]/g;

/** The scenario for this request: a model-specific one first, then the general one, else plain. */
function scenarioName(body) {
  const text = lastUserText(body);
  for (const [, part, name] of text.matchAll(MODEL_SCENARIO_PATTERN)) {
    if (typeof body.model === 'string' && body.model.includes(part)) return name;
  }
  return text.match(SCENARIO_PATTERN)?.[1] ?? (showcaseReply(text) ? 'showcase' : 'plain');
}

/** Every scenario name the fake understands. */
export const SCENARIOS = [
  ...Object.keys(STREAM_SCENARIOS),
  ...Object.keys(ERROR_SCENARIOS),
  ...Object.keys(FIRST_ATTEMPT_ERRORS),
  'echo-key-401',
  'drop',
];

/**
 * @typedef {object} LoggedRequest
 * @property {number} id
 * @property {any} body             the parsed JSON body (the raw text if it was not JSON)
 * @property {string | null} authorization
 * @property {number} startedAt     epoch ms
 * @property {boolean} finished     the server wrote the whole response
 * @property {boolean} aborted      the client closed the connection before that
 * @property {number | null} closedAt
 * @property {'chat' | 'title'} kind  a title request (fake-upstream/titles.mjs) or any other
 */

function send(res, { status, headers, body }) {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res, status, value) {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}

async function readBody(req) {
  return (await readRaw(req)).toString('utf8');
}

async function readRaw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Starts the fake upstream. `port: 0` picks a free port; the real one is returned.
 * @param {{ port?: number, host?: string, chunkDelayMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startFakeUpstream({ port = 4010, host = '127.0.0.1', chunkDelayMs = 5 } = {}) {
  /** @type {LoggedRequest[]} */
  let log = [];
  let nextId = 1;
  /** Requests seen per last user message, for FIRST_ATTEMPT_ERRORS. */
  const attempts = new Map();

  async function chatCompletions(req, res) {
    let raw;
    try {
      raw = await readBody(req);
    } catch {
      return; // the client went away while sending the body
    }
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }

    /** @type {LoggedRequest} */
    const entry = {
      id: nextId++,
      body: body ?? raw,
      authorization: req.headers.authorization ?? null,
      startedAt: Date.now(),
      finished: false,
      aborted: false,
      closedAt: null,
      kind: isTitleRequest(body) ? 'title' : 'chat',
    };
    log.push(entry);

    const controller = new AbortController();
    let dropped = false;
    res.on('finish', () => {
      entry.finished = true;
    });
    res.on('close', () => {
      entry.closedAt = Date.now();
      if (!res.writableEnded && !dropped) entry.aborted = true;
      controller.abort(new Error('client disconnected'));
    });

    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return send(res, fakeError(400, 'The request body must be a JSON object.', 'invalid_json'));
    }

    if (entry.kind === 'title') {
      const answer = titleAnswer(body);
      if ('fail' in answer) return send(res, fakeError(500, 'The title could not be written.', 'server_error'));
      if (answer.delayMs) await delay(answer.delayMs, undefined, { signal: controller.signal }).catch(() => undefined);
      if (controller.signal.aborted) return;
      return sendJson(res, 200, completion(body, answer.text, tokenize(answer.text).length));
    }

    const name = scenarioName(body);
    if (name === 'drop') {
      dropped = true; // a reset (RST), not a clean close
      return req.socket.resetAndDestroy();
    }
    if (ERROR_SCENARIOS[name]) return send(res, ERROR_SCENARIOS[name]);
    if (name === 'echo-key-401') {
      return send(res, echoKeyError(req.headers.authorization, `http://${req.headers.host}${req.url}`));
    }
    if (FIRST_ATTEMPT_ERRORS[name]) {
      const key = lastUserText(body);
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      if (attempts.get(key) === 1) return send(res, FIRST_ATTEMPT_ERRORS[name]);
    }
    const scenario = STREAM_SCENARIOS[FIRST_ATTEMPT_ERRORS[name] ? 'plain' : name];
    if (!scenario) {
      const known = SCENARIOS.join(', ');
      return send(
        res,
        fakeError(400, `Unknown fake-upstream scenario "${name}". Known: ${known}.`, 'unknown_scenario'),
      );
    }

    if (body.stream !== true) {
      if (scenario.hangs) return; // keeps the request open until the client gives up
      const text = scenario.text ? scenario.text(body) : plainReply(body);
      return sendJson(res, 200, completion(body, text, tokenize(text).length));
    }

    const stream = createStream(res, { body, signal: controller.signal, chunkDelayMs });
    try {
      await scenario.run(stream);
    } catch (error) {
      if (controller.signal.aborted) return; // the client left; timers are already cleared
      console.error(`fake upstream: scenario "${name}" failed`, error);
      res.destroy();
    }
  }

  async function audioTranscriptions(req, res) {
    const { status, record, body } = await transcription(req, await readRaw(req));
    log.push({
      id: nextId++,
      kind: 'chat',
      body: record,
      authorization: req.headers.authorization ?? null,
      startedAt: Date.now(),
      finished: true,
      aborted: false,
      closedAt: Date.now(),
    });
    return sendJson(res, status, body);
  }

  function requests(url) {
    const contains = url.searchParams.get('contains');
    const kind = url.searchParams.get('kind') ?? 'chat';
    const ofKind = log.filter((entry) => entry.kind === kind);
    return contains === null ? ofKind : ofKind.filter((entry) => JSON.stringify(entry.body).includes(contains));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://fake-upstream');
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    switch (route) {
      case 'GET /':
      case 'GET /health':
        return send(res, { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });
      case 'GET /v1/models':
        return sendJson(res, 200, {
          object: 'list',
          data: MODELS.map((id) => ({
            id,
            object: 'model',
            created: 1735689600,
            owned_by: 'institute-of-science-tokyo',
          })),
        });
      case 'POST /v1/chat/completions':
        return chatCompletions(req, res);
      case 'POST /v1/audio/transcriptions':
        return audioTranscriptions(req, res);
      case 'GET /__requests':
        return sendJson(res, 200, requests(url));
      case 'POST /__reset':
        log = [];
        return sendJson(res, 200, { ok: true });
      default:
        return send(res, fakeError(404, `No route for ${route}.`, 'not_found'));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('fake upstream: request failed', error);
      res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actualPort}`,
        port: actualPort,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const upstream = await startFakeUpstream({ port: Number(process.env.FAKE_UPSTREAM_PORT || 4010) });
  console.log(`fake upstream listening on ${upstream.url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => upstream.close().then(() => process.exit(0)));
  }
}
