/**
 * The hub speaks 2026-07-28 with a server that answers `server/discover` (agente's own, served with the
 * SDK's `serveStdio`) and the 2025 `initialize` with the rest (the fixture server, on the 2025-only
 * `StdioServerTransport`), each over its own stdio child.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { McpHub } from "../../src/mcp/hub.js";
import { fixtureConfig, REPO_ROOT, textOf } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
let folder: string | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("protocol revisions of the hub", () => {
  it("2026-07-28 with agente's memory server, 2025-11-25 with a 2025-only server, in one hub", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-revisions-"));
    const memory = parseServerEntry("memoria", {
      // The built server, as agente runs it (npm run build).
      command: process.execPath,
      args: [join(REPO_ROOT, "dist/servers/memory/main.js")],
      env: { AGENTE_MEMORY_PATH: join(folder, "memoria.db"), AGENTE_EMBEDDER: "none" },
    });
    if (!memory.ok) throw new Error(memory.problem);
    hub = await McpHub.start([memory.config, fixtureConfig("uno")]);
    const revisions = Object.fromEntries(
      hub.statuses().map((status) => [status.name, status.protocolVersion]),
    );
    expect(revisions).toEqual({ memoria: "2026-07-28", uno: "2025-11-25" });
    expect(hub.statuses().find((status) => status.name === "memoria")?.serverInfo?.name).toBe(
      "agente-memory",
    );
    const stored = await hub.callTool("memorizar_informacion", { texto: "La reunión es el martes." });
    expect(stored.isError, textOf(stored)).toBeFalsy();
    expect(textOf(await hub.callTool("echo", { text: "hola" }))).toBe("uno: hola");
  });
});
