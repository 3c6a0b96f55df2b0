/**
 * `createConformanceServer(deps)`: one SDK v2 `McpServer` with every tool, resource and prompt the official
 * conformance suite's server scenarios ask for, written from the scenarios' descriptions. The same factory
 * serves both protocol eras: 2025 sessions (push-style sampling/elicitation, logging, subscriptions) and
 * 2026-07-28 per-request instances (input_required results, caching hints).
 */
import { McpServer, type RequestStateCodec } from "@modelcontextprotocol/server";
import { registerClientRequestTools } from "./client-request-tools.js";
import { registerContentTools } from "./content-tools.js";
import { registerInputRequiredTools } from "./input-required-tools.js";
import { registerPrompts, registerResources } from "./resources-and-prompts.js";

export interface ConformanceServerDeps {
  era: "legacy" | "modern";
  /** Seals the multi-round-trip requestState; shared by every instance of the process. */
  stateCodec: RequestStateCodec<{ tool: string; round: number }>;
}

export function createConformanceServer(deps: ConformanceServerDeps): McpServer {
  const server = new McpServer(
    { name: "agente-conformance-server", version: "1.0.0" },
    {
      capabilities: {
        tools: { listChanged: true },
        prompts: { listChanged: true },
        resources: { listChanged: true, ...(deps.era === "legacy" ? { subscribe: true } : {}) },
        logging: {},
        completions: {},
      },
      cacheHints: {
        "tools/list": { ttlMs: 60_000, cacheScope: "public" },
        "prompts/list": { ttlMs: 60_000, cacheScope: "public" },
        "resources/list": { ttlMs: 60_000, cacheScope: "public" },
        "resources/templates/list": { ttlMs: 60_000, cacheScope: "public" },
        "resources/read": { ttlMs: 0, cacheScope: "private" },
      },
      requestState: { verify: (state, ctx) => deps.stateCodec.verify(state, ctx) },
    },
  );
  registerContentTools(server);
  registerClientRequestTools(server);
  registerInputRequiredTools(server, deps.stateCodec);
  registerResources(server);
  registerPrompts(server);
  if (deps.era === "legacy") {
    const subscriptions = new Set<string>();
    server.server.setRequestHandler("resources/subscribe", async (request) => {
      subscriptions.add(request.params.uri);
      return {};
    });
    server.server.setRequestHandler("resources/unsubscribe", async (request) => {
      subscriptions.delete(request.params.uri);
      return {};
    });
  }
  return server;
}
