import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
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

describe("the filesystem server works in the hub's roots", () => {
  it("replaces its folder by the roots it is offered, and follows their change", async () => {
    const given = await mkdtemp(join(tmpdir(), "agente-fs-given-"));
    const root = await mkdtemp(join(tmpdir(), "agente-fs-root-"));
    const other = await mkdtemp(join(tmpdir(), "agente-fs-other-"));
    await writeFile(join(root, "raiz.txt"), "en la raíz");
    await writeFile(join(other, "otra.txt"), "en la otra");
    const parsed = parseServerEntry("files", { command: process.execPath, args: [FILESYSTEM_SERVER, given] });
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config], { roots: [{ uri: pathToFileURL(root).href }] });
    const inRoot = () => hub?.callTool("read_text_file", { path: join(root, "raiz.txt") });
    await vi.waitFor(async () => expect(textOf((await inRoot()) ?? { content: [] })).toBe("en la raíz"), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await hub.callTool("read_text_file", { path: join(other, "otra.txt") })).isError).toBe(true);

    await hub.setRoots([{ uri: pathToFileURL(other).href }]);
    await vi.waitFor(
      async () =>
        expect(
          textOf(
            (await hub?.callTool("read_text_file", { path: join(other, "otra.txt") })) ?? { content: [] },
          ),
        ).toBe("en la otra"),
      { timeout: 10_000, interval: 100 },
    );
    expect((await hub.callTool("read_text_file", { path: join(root, "raiz.txt") })).isError).toBe(true);
  });

  it("a server the config confines to its folders keeps them, whatever roots the hub offers", async () => {
    const given = await mkdtemp(join(tmpdir(), "agente-fs-confined-"));
    const wide = await mkdtemp(join(tmpdir(), "agente-fs-wide-"));
    await writeFile(join(given, "dentro.txt"), "dentro");
    await writeFile(join(wide, "fuera.txt"), "fuera");
    const parsed = parseServerEntry("files", { command: process.execPath, args: [FILESYSTEM_SERVER, given] });
    if (!parsed.ok) throw new Error(parsed.problem);
    hub = await McpHub.start([parsed.config], {
      roots: [{ uri: pathToFileURL(wide).href }],
      confinedRoots: { files: [{ uri: pathToFileURL(given).href }] },
    });
    const inside = await hub.callTool("read_text_file", { path: join(given, "dentro.txt") });
    expect(textOf(inside)).toBe("dentro");
    await hub.setRoots([{ uri: pathToFileURL(wide).href }]);
    // The server asks again after list_changed; it must still be confined to `given`.
    await vi.waitFor(
      async () =>
        expect(textOf((await hub?.callTool("list_allowed_directories", {})) ?? { content: [] })).toContain(
          given,
        ),
      { timeout: 10_000, interval: 100 },
    );
    expect((await hub.callTool("read_text_file", { path: join(wide, "fuera.txt") })).isError).toBe(true);
  });
});
