import { config } from 'zod/mini';

/**
 * Imported (first) by every module of the browser that brings zod: zod-mini.ts, which the page's
 * schemas go through, and the chat runtime (the AI SDK's full zod). zod probes `new Function` once,
 * when it builds its first object schema, to decide whether to compile fast parsers; under our
 * CSP (no 'unsafe-eval', see lib/server/security/headers.ts) the probe is blocked and reported as a
 * violation. jitless skips the probe. zod keeps its settings on globalThis, so full zod and
 * zod/mini share them. (It was set in instrumentation-client.ts, which put zod's core into every
 * page's first load, though a first visit validates nothing.)
 */
config({ jitless: true });
