# syntax=docker/dockerfile:1
# Retail Insights Assistant: build the TypeScript once, ship a slim image with production dependencies only.
#   docker build -t retail-insights:0.1.0 .
#   docker run --rm -p 3000:3000 --env-file .env -v "$PWD/sales:/data:ro" -e DATA_DIR=/data retail-insights:0.1.0

# Node 24, the active LTS (Node 20, which the dev machines run, is past end of life), pinned to one release so a
# rebuild is the same image. Pin the digest too (node:24.11.1-bookworm-slim@sha256:…) where the registry is reachable.
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

# ---- build: all dependencies, compile src/ to dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; we build explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-cli.mjs ./scripts/
RUN npm run build

# ---- runtime: production dependencies, compiled code, the catalog; runs as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
# fonts-dejavu-core: the chart renderer's font (DejaVu Sans), or chart text renders as boxes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    CACHE_DIR=/var/cache/retail-insights
# DATA_DIR (the retailer's files, usually a mounted volume) and REDIS_URL come from the environment at run time;
# without DATA_DIR a sample is generated into CACHE_DIR on first start.

WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no compilers, test runners or pino-pretty; --ignore-scripts: `prepare` (the build) already ran above.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY data ./data
RUN mkdir -p /var/cache/retail-insights && chown node:node /var/cache/retail-insights

# `node` (uid 1000) ships with the official image; the app never needs root.
USER node
EXPOSE 3000

# Node's own fetch: the slim image has neither curl nor wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Exactly what `npm start` runs, without npm in between: signals (SIGTERM → graceful shutdown) reach node
# directly, and npm needs no writable home for its logs (the manifests mount the root filesystem read-only).
CMD ["node", "bin/retail-insights.js", "start"]
