/** @modelcontextprotocol/server-filesystem, the real npm package started from node_modules. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityServer, FILESYSTEM_WRITE_TOOLS } from "../../src/config/starter-config.js";
import { connectStdio, firstText, type StdioSession } from "../../src/testing/connect-stdio.js";

describe("@modelcontextprotocol/server-filesystem", () => {
  let root: string;
  let folder: string;
  let session: StdioSession;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "agente-fs-"));
    folder = join(root, "documentos");
    await mkdir(join(folder, "contratos"), { recursive: true });
    await writeFile(
      join(folder, "contratos", "empresa-x.txt"),
      "Contrato de soporte con Empresa X: 250 € al mes, renovación anual en enero.\n",
    );
    await writeFile(join(root, "fuera.txt"), "secreto fuera de la carpeta\n");
    const server = communityServer("filesystem");
    session = await connectStdio({ command: server.command, args: [...server.args, folder] });
  });

  afterAll(async () => {
    await session?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("offers read tools, and the write tools our starter config hides are the ones it really has", async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["read_text_file", "list_directory", "search_files"]));
    expect(names).toEqual(expect.arrayContaining([...FILESYSTEM_WRITE_TOOLS]));
    // Every tool we do not hide must declare itself read-only: the starter config's "read-only" is true.
    const visible = tools.filter(
      (tool) => !(FILESYSTEM_WRITE_TOOLS as readonly string[]).includes(tool.name),
    );
    for (const tool of visible)
      expect({ tool: tool.name, readOnly: tool.annotations?.readOnlyHint }).toEqual({
        tool: tool.name,
        readOnly: true,
      });
  });

  it("reads a file in the named folder", async () => {
    const result = await session.client.callTool({
      name: "read_text_file",
      arguments: { path: join(folder, "contratos", "empresa-x.txt") },
    });
    expect(result.isError).not.toBe(true);
    expect(firstText(result)).toContain("Contrato de soporte con Empresa X: 250 € al mes");
  });

  it("lists the folder", async () => {
    const result = await session.client.callTool({ name: "list_directory", arguments: { path: folder } });
    expect(firstText(result)).toContain("[DIR] contratos");
  });

  it("refuses a file outside the named folder", async () => {
    const result = await session.client.callTool({
      name: "read_text_file",
      arguments: { path: join(root, "fuera.txt") },
    });
    expect(result.isError).toBe(true);
    expect(firstText(result)).not.toContain("secreto");
    expect(firstText(result)).toMatch(/outside allowed directories/i);
  });
});
