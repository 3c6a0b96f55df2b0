#!/usr/bin/env bash
# The install people get from the registry: pack agente, install the tarball globally (no dev dependencies)
# under a temporary prefix, check its size, and run `agente --version` and one `ask` on the repository's tiny
# random-weight GGUF with the built-in memory server. Run from the repository root (`.ci/run` does).
set -euo pipefail
cd "$(dirname "$0")/.."

LIMIT_MB="${AGENTE_PACKED_LIMIT_MB:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm pack --silent --pack-destination "$work" >"$work/pack.log"
tarball="$work/$(tail -n 1 "$work/pack.log")"
echo "packed: $(basename "$tarball") ($(du -h "$tarball" | cut -f1))"
# The testing kit (src/testing) is for tests, the bench and the eval: not part of the package.
if tar tzf "$tarball" | grep -q '^package/dist/testing/'; then
  echo "the tarball holds dist/testing/" >&2
  exit 1
fi

# npm 11 runs a dependency's install scripts only when allowed: better-sqlite3 fetches its native binary so.
npm install --global --prefix "$work/prefix" --omit=dev --no-audit --no-fund \
  --allow-scripts=better-sqlite3 "$tarball" >"$work/install.log" 2>&1 || {
  cat "$work/install.log"
  exit 1
}
# Installed from a file, npm 11 counts agente's own `prepare` (the clone's build; the tarball holds dist/
# already, and a registry install never runs it) as a script to review: that line alone is expected.
if grep -E 'EBADENGINE|install-scripts' "$work/install.log" |
  grep -vE 'install-scripts +(1 package has install scripts not yet covered|agente@[0-9.]+ \(prepare: npm run build\)|Run `npm install -g --allow-scripts=agente`)|install-scripts *$'; then
  echo "the packed install warned (above)" >&2
  exit 1
fi

size_mb=$(du -sm "$work/prefix" | cut -f1)
echo "installed: ${size_mb} MB under the prefix (limit ${LIMIT_MB} MB)"
if [ "$size_mb" -gt "$LIMIT_MB" ]; then
  du -sm "$work"/prefix/lib/node_modules/agente/node_modules/{*,@*/*} 2>/dev/null | sort -n | tail -n 8
  exit 1
fi

agente="$work/prefix/bin/agente"
# A home of its own: no user config, no cached model, a new memory store.
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CACHE_HOME="$work/home/cache" AGENTE_EMBEDDER=offline
mkdir -p "$HOME"
repository="$(pwd)"
cd "$HOME"
"$agente" --version
# Random weights answer or run out of steps; either way every step must be valid.
"$agente" ask --provider llama-cpp --gguf "$repository/test/fixtures/models/llama-2-tiny-random.gguf" \
  --max-steps 2 --max-tokens 32 --json "hola" >"$work/ask.json" || true
node -e '
  const reply = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const problems = reply.steps.filter((step) => step.problem !== undefined);
  if (!["answer", "step_limit"].includes(reply.stopReason) || problems.length > 0) {
    console.error(JSON.stringify(reply, null, 2));
    process.exit(1);
  }
  console.log(`ask: ${reply.stopReason} after ${reply.steps.length} step(s) on the tiny model`);
' "$work/ask.json"
