import { config } from 'zod/mini';

// Runs before the app's client code. Zod probes `new Function` once to decide whether to
// compile fast parsers; under our CSP (no 'unsafe-eval', see lib/security/headers.ts) the
// probe is blocked and reported as a violation. jitless skips the probe. (zod/mini's `config` is
// the one setting full zod shares; importing it from 'zod' would bring all of zod into the first load.)
config({ jitless: true });
