/**
 * Regression: a relative path given as the user wrote it (`documentos/tarifas-2026.txt`, from the folder
 * agente runs in) resolved twice inside the filesystem server's folder (`documentos/documentos/…`).
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { McpHub } from "../../src/mcp/hub.js";
import { rewritePaths, withWorkingFolderPaths } from "../../src/runtime/filesystem-paths.js";
import { FILESYSTEM_SERVER } from "../support/fixture-files.js";
import { textOf } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("relative paths for the filesystem server", () => {
  it("documentos/tarifas-2026.txt from the parent folder resolves once; a bare name still resolves in the folder", async () => {
    const project = await mkdtemp(join(tmpdir(), "agente-tour-"));
    const folder = join(project, "documentos");
    await mkdir(folder);
    await writeFile(join(folder, "tarifas-2026.txt"), "Consultoría: 60 euros la hora.\n");
    const parsed = parseServerEntry("filesystem", {
      command: process.execPath,
      args: [FILESYSTEM_SERVER, folder],
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config]);
    const tools = withWorkingFolderPaths(hub, [parsed.config], project);

    const fromProject = await tools.callTool("read_text_file", { path: "documentos/tarifas-2026.txt" });
    expect(fromProject.isError, textOf(fromProject)).toBeFalsy();
    expect(textOf(fromProject)).toContain("60 euros");
    const bare = await tools.callTool("read_text_file", { path: "tarifas-2026.txt" });
    expect(textOf(bare)).toContain("60 euros");
  });

  it("rewrites only relative paths that land inside an allowed folder", () => {
    const allowed = ["/srv/proyecto/documentos"];
    expect(
      rewritePaths(
        {
          path: "documentos/a.txt",
          paths: ["documentos/b.txt", "c.txt"],
          source: "/etc/x",
          other: "documentos/d",
        },
        allowed,
        "/srv/proyecto",
      ),
    ).toEqual({
      path: "/srv/proyecto/documentos/a.txt",
      paths: ["/srv/proyecto/documentos/b.txt", "c.txt"],
      source: "/etc/x",
      other: "documentos/d",
    });
  });
});
