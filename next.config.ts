import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { MAX_BODY_BYTES } from './lib/server/http/body-guard';
import {
  API_CSP,
  STATIC_FILES_CSP,
  STATIC_FILES_PATH,
  STATIC_SECURITY_HEADERS,
  UNPROXIED_CSP,
  UNPROXIED_PATHS,
} from './lib/server/security/headers';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/server/i18n/request.ts',
  // Messages are compiled at build time: the browser gets no ICU message parser (bench `page`).
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

const nextConfig: NextConfig = {
  // A separate build folder lets a second build be tested while another is served.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Self-hosting (Dockerfile): the build also writes .next/standalone, the server files it traced
  // with the node_modules they need. Vercel's build ignores it (docs/self-hosting.md).
  output: 'standalone',
  // `npm run bench` mounts its reference routes (tools/bench-routes/) into app/ as route.bench.ts
  // files for its own build (into its own NEXT_DIST_DIR) with SWALLOW_BENCH_ROUTES=1, which makes
  // them routes. The repo's app/ has none, and any other build would leave them out anyway.
  ...(process.env.SWALLOW_BENCH_ROUTES === '1' ? { pageExtensions: ['tsx', 'ts', 'jsx', 'js', 'bench.ts'] } : {}),
  reactStrictMode: true,
  // Profiling a load (docs/performance.md, "First load"): SWALLOW_SOURCE_MAPS=1 serves the browser
  // chunks' source maps, so a CPU profile names the app's modules. Off in every other build.
  productionBrowserSourceMaps: process.env.SWALLOW_SOURCE_MAPS === '1',
  // No image optimiser: the app uses no next/image, and /_next/image would resize any local URL
  // (each spelling a new cache entry written to .next/cache/images) for anyone. It answers 404.
  images: { unoptimized: true },
  experimental: {
    // Next.js reads the whole body of a request proxy.ts matches before the route runs (10 MiB
    // by default). server.ts refuses over-limit bodies before that (lib/server/http/body-guard.ts);
    // this bounds what `next start` or a platform's server would buffer.
    proxyClientMaxBodySize: MAX_BODY_BYTES,
    // No `inlineCss`: the stylesheet is a file of its own (cached, kept by the service worker).
    // Inlined, its 65 KB went into every page twice (the <style> and the RSC payload's copy for
    // client navigations): 205 KB of HTML instead of 74. Lighthouse, 5 rounds alternating on one
    // build each: TBT /ja 758 -> 532, /en 754 -> 480 ms; first paint ~1.75 -> 0.92 s; performance
    // 74 / 64 -> 84 / 86 (issue #35 item 5, bench/HISTORY.md).
    // Turbopack's build cache (.next/cache) makes a second build faster; CI builds from a clean
    // clone and never reads it, so .ci/run turns its writing off (SWALLOW_BUILD_CACHE=off: 18 s).
    turbopackFileSystemCacheForBuild: process.env.SWALLOW_BUILD_CACHE !== 'off',
  },
  // `npm test` type-checks everything before it builds (`npm run typecheck`: `next typegen`, then
  // tsc over the app, the tests and .next/types, a superset of the build's check), and builds with
  // SWALLOW_BUILD_TYPECHECK=off so the same check does not run twice (tsconfig.json reads .next/types:
  // with another NEXT_DIST_DIR, build with the check). Every other build checks.
  typescript: { ignoreBuildErrors: process.env.SWALLOW_BUILD_TYPECHECK === 'off' },
  // Pages get their CSP (with a per-request nonce) from proxy.ts.
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
      // The proxy skips these paths: their HTML 404 pages get the page CSP, scripts off.
      ...UNPROXIED_PATHS.map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: UNPROXIED_CSP }],
      })),
      // The build's files, workers among them: scripts from this site only (last match wins).
      { source: STATIC_FILES_PATH, headers: [{ key: 'Content-Security-Policy', value: STATIC_FILES_CSP }] },
      // The service worker (app/sw.js/route.ts) runs under its script's CSP: the same rule.
      { source: '/sw.js', headers: [{ key: 'Content-Security-Policy', value: STATIC_FILES_CSP }] },
    ];
  },
};

// withSerwist: esbuild, which bundles the service worker when the build prerenders /sw.js, stays
// outside the server bundle.
export default withSerwist(withNextIntl(nextConfig));
