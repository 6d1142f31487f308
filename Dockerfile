# syntax=docker/dockerfile:1
# Images of the sign-off engine (国家生态文明建设示范区创建 签批引擎). Two final targets from one build:
#   docker build --target api    -t eco-campaign-engine-api .
#   docker build --target worker -t eco-campaign-engine-worker .
# (docker-compose.yml builds both.) Stages: deps (all deps) → build (tsc → dist/, vite → dist/web: the API serves the web
# application at /); prod-deps (runtime deps only);
# runtime (dist + prod node_modules + template data, non-root) → api / worker.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# Install scripts are skipped (--ignore-scripts): none of the packages needs one at run time (@temporalio/core-bridge
# and @swc/core ship prebuilt binaries; the others are a version notice, telemetry and embedded-postgres symlinks,
# which production does not use). SCARF_ANALYTICS also turns off the install telemetry of swagger-ui's dependency.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false

# ---- all dependencies (dev included), for the TypeScript build ----
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts

# ---- compile: tsc -p tsconfig.build.json → dist/{apps,libs,workflows,activities,scripts}/…, plus dist/node_modules/@eco/* (the lib aliases, scripts/aliases.js) ----
FROM deps AS build
COPY . .
RUN npm run build \
 && node dist/scripts/bundle-workflows.js dist/workflow-bundle.js \
 && npm run build:web \
 && test -f dist/web/index.html \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js

# ---- production dependencies only ----
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force

# ---- common runtime: compiled code, production node_modules, template data; runs as the non-root `node` user ----
FROM base AS runtime
ENV NODE_ENV=production
COPY --chown=node:node package.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Built-in template JSON, read at run time: the compiled loader (dist/libs/templates/src/) looks in libs/templates/data/.
COPY --chown=node:node libs/templates/data ./libs/templates/data
COPY --chown=node:node deploy/healthcheck ./deploy/healthcheck
USER node

# ---- HTTP API ----
FROM runtime AS api
ENV API_HOST=0.0.0.0 \
    API_PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]

# ---- Temporal worker ----
FROM runtime AS worker
# The workflow code bundled at build time: a (re)started worker loads it instead of running webpack (recovery time).
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
HEALTHCHECK --interval=30s --timeout=15s --start-period=90s --retries=3 \
  CMD ["node", "deploy/healthcheck/worker-healthcheck.js"]
CMD ["node", "dist/apps/worker/src/main.js"]
