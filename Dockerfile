# syntax=docker/dockerfile:1
# Swallow Chat: the production server (server.ts) in the build's standalone folder.
#   docker build -t swallow-chat .
#   docker run -p 3000:3000 -e NVIDIA_API_KEY=nvapi-... swallow-chat
# compose.yaml runs it behind nginx with Redis; docs/self-hosting.md explains both.
#
# Node 24 LTS, the version package.json's engines (24.x), CI (scripts/node24.sh) and Vercel run:
# Node 20 is end of life (April 2026) and the AI SDK 7 packages need Node >= 22. Pinned to the
# exact release CI tests; `slim` is Debian without compilers, curl or docs.
ARG NODE_IMAGE=node:24.22.3-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# next.config.ts sets output: 'standalone': .next/standalone holds the traced server files.
RUN npm run build

# The image: the traced server files, the static files and public/, and server.ts with the three
# modules it imports (checked by tools/deploy/dockerfile.test.ts). e2e/ops/standalone.spec.ts
# copies these same lines into a folder and runs the CMD below, as CI cannot pull base images.
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
# Root owns the code (the server cannot change it); the server's user owns only Next's cache.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/server.ts ./
COPY --from=build /app/lib/server/http/body-guard.ts ./lib/server/http/body-guard.ts
COPY --from=build /app/lib/server/http/forwarded.ts ./lib/server/http/forwarded.ts
COPY --from=build /app/lib/server/ops/shutdown-state.ts ./lib/server/ops/shutdown-state.ts
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# Liveness through the app's own route; slim images have no curl, node's fetch does it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# server.ts finishes streaming replies on SIGTERM (SHUTDOWN_GRACE_MS, 25 s): give `docker stop`
# more than that (compose.yaml: stop_grace_period 30s).
STOPSIGNAL SIGTERM
CMD ["node", "server.ts"]
