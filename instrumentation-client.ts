import { config } from 'zod';

// Runs before the app's client code. Zod probes `new Function` once to decide whether to
// compile fast parsers; under our CSP (no 'unsafe-eval', see lib/security/headers.ts) the
// probe is blocked and reported as a violation. jitless skips the probe.
config({ jitless: true });
