import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { McpHub } from "../../src/mcp/hub.js";
import { FILESYSTEM_SERVER } from "../support/fixture-files.js";
import { textOf } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("the community filesystem server (npm package) through the hub", () => {
  it("reads a file in the folder it was given and refuses one outside it", async () => {
    const folder = await mkdtemp(join(tmpdir(), "agente-fs-"));
    await writeFile(join(folder, "notas.md"), "# Notas\nReunión con Empresa X el lunes.\n");
    const parsed = parseServerEntry("files", {
      command: process.execPath,
      args: [FILESYSTEM_SERVER, folder],
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config]);
    expect(hub.statuses()[0]?.state).toBe("up");
    const names = hub.tools().map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["read_text_file", "list_directory", "write_file"]));
    const read = await hub.callTool("read_text_file", { path: join(folder, "notas.md") });
    expect(textOf(read)).toContain("Reunión con Empresa X");
    const outside = await hub.callTool("read_text_file", { path: "/etc/hostname" });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/access denied|outside allowed/i);
  });
});
