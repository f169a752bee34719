# syntax=docker/dockerfile:1
#
# Stages:
#   deps     all dependencies, exactly as locked
#   build    generated Prisma client + compiled dist/
#   migrate  build output WITH dev dependencies: `npm run db:migrate` runs
#            scripts/db/migrate.ts through tsx, a dev dependency
#   runtime  (default) dist/ + production dependencies only, for api and worker
#
# docker build -t neonhub .                     -> runtime image (api; worker with another command)
# docker build --target migrate -t neonhub-migrate .
#
# Node 24 is the active LTS (20 reached its end of life in April 2026). Bookworm (glibc) because
# package-lock.json carries the linux-x64-gnu native packages `npm ci` installs without a registry
# round trip for anything else (scripts/lockfile/complete-platform-entries.js).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Only what `npm ci` needs, so this layer is reused until dependencies change:
# the manifests, plus the schema and config the root postinstall (`prisma generate`) reads.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma ./prisma/schema.prisma
COPY scripts/prisma-offline.ts ./scripts/prisma-offline.ts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# `build` regenerates the Prisma client (TypeScript under src/generated, git- and
# docker-ignored) from the full schema, then compiles everything into dist/.
RUN npm run build

FROM build AS migrate
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "db:migrate"]

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WORKER_PORT=3001 \
    NEONHUB_DATA_DIR=/app/.data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
# Drop dev dependencies (compilers, test tools, tsx) from the shipped image.
# db:migrate is `tsx scripts/db/migrate.ts` and would not run here; migrations
# run from the `migrate` stage, which keeps the dev dependencies.
RUN npm prune --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/config/llm-prices.json ./config/llm-prices.json
# The service writes under NEONHUB_DATA_DIR; everything else stays root-owned and read-only.
# /app/keys is where docker compose mounts the vault key ring volume: an empty named volume takes
# this directory's owner, so the `init` service (user node) can write the ring into it.
RUN mkdir -p /app/.data /app/keys && chown node:node /app/.data /app/keys
USER node
EXPOSE 3000 3001
CMD ["node", "dist/src/main.js"]
