import { createSerwistRoute } from '@serwist/turbopack';

/**
 * /sw.js, the service worker: lib/client/runtime/sw/service-worker.ts bundled by Serwist
 * (@serwist/turbopack, esbuild) when the build prerenders this route, with its precache list: the
 * build's manifest, whose URL names the build, so each build's worker differs from the last and
 * replaces it. A public file like the icons: the proxy (and its gate) does not run here, and
 * next.config.ts gives it a CSP of its own (a worker runs under its script's CSP).
 */
const serwist = createSerwistRoute({
  swSrc: 'lib/client/runtime/sw/service-worker.ts',
  useNativeEsbuild: true,
  globDirectory: process.cwd(),
  globPatterns: [`${process.env.NEXT_DIST_DIR || '.next'}/static/*/_buildManifest.js`],
  // A classic script, so every browser with service workers runs it; no source map to serve.
  esbuildOptions: { format: 'iife', sourcemap: false },
});

export const dynamic = 'force-static';

export function GET(request: Request): Promise<Response> {
  return serwist.GET(request, { params: Promise.resolve({ path: 'sw.js' }) });
}
