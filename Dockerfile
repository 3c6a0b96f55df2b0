# syntax=docker/dockerfile:1
# agente in a container: a build stage with the dev dependencies compiles TypeScript, a runtime stage
# keeps only the production dependencies, dist/ and bin/, and runs as the unprivileged `node` user.
# See docs/docker.md (what was and was not run) and compose.yaml (the whole topology).
#
#   docker build -t agente .
#   docker build --build-arg WITH_LLAMA_CPP=false -t agente:ollama-only .   # drop the embedded engine (~100 MB)

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The npm the lock file was made with (npm 11 honours package.json "allowScripts").
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json ./
# Install scripts off, then run only the ones package.json approves (allowScripts): node-llama-cpp's
# postinstall would try to build llama.cpp; its prebuilt platform packages are enough.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# npm run build also bundles the web chat of `agente serve` (esbuild, a dev dependency).
COPY scripts/build-page.mjs ./scripts/build-page.mjs
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund
# The embedded llama.cpp engine (CPU build only, ~100 MB) runs the default model when no Ollama answers;
# compose uses its Ollama service, so an image only for compose can drop it.
ARG WITH_LLAMA_CPP=true
RUN if [ "$WITH_LLAMA_CPP" != "true" ]; then rm -rf node_modules/node-llama-cpp node_modules/@node-llama-cpp; fi

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    AGENTE_MEMORY_PATH=/data/memory/memory.sqlite \
    XDG_CACHE_HOME=/data/cache
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# /data/memory holds the memory store (a volume in compose), /data/cache the downloaded models;
# /work is where the user's session runs.
RUN ln -s /app/bin/agente /usr/local/bin/agente \
 && mkdir -p /data/memory /data/cache /work \
 && chown -R node:node /data /work
USER node
WORKDIR /work
VOLUME ["/data/memory", "/data/cache"]
# `agente serve` (compose runs it): the web chat, the OpenAI-compatible API and the MCP gateway.
EXPOSE 8080
ENTRYPOINT ["agente"]
CMD ["--help"]
