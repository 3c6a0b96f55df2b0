/** Conversations and uploads follow the memory server's own variables, from its `mcpServers` entry. */
import { describe, expect, it } from "vitest";
import { parseServerEntry, type ServerConfig } from "../../src/config/server-config.js";
import { memoryEnvironment } from "../../src/runtime/memory-environment.js";
import { conversationsPath } from "../../src/serve/open-conversation-store.js";
import { builtinServer } from "../../src/servers/builtin.js";
import { fixtureConfig } from "../support/fixture-servers.js";

function entry(name: string, raw: Record<string, unknown>): ServerConfig {
  const parsed = parseServerEntry(name, raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.config;
}

describe("memoryEnvironment", () => {
  it("lays the memory server's env block over the process environment", () => {
    const servers = [
      fixtureConfig("uno"),
      entry("memoria", {
        ...builtinServer("memory"),
        env: { AGENTE_MEMORY_PATH: "/datos/agente/memoria.db" },
      }),
    ];
    const env = memoryEnvironment({ servers }, { AGENTE_MEMORY_PATH: "/otra/memory.db", HOME: "/home/ana" });
    expect(env).toEqual({ AGENTE_MEMORY_PATH: "/datos/agente/memoria.db", HOME: "/home/ana" });
    expect(conversationsPath(env)).toBe("/datos/agente/conversations.db");
  });

  it("keeps the process environment when no memory server is configured", () => {
    const env = { XDG_DATA_HOME: "/xdg", HOME: "/home/ana" };
    expect(memoryEnvironment({ servers: [fixtureConfig("uno")] }, env)).toBe(env);
    expect(conversationsPath(env)).toBe("/xdg/agente/conversations.db");
  });
});
