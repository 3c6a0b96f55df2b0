import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";
import { builtinServer } from "../../src/servers/builtin.js";

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "agente-config-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(folder, name, ".."), { recursive: true });
    await writeFile(join(folder, name), text);
  }
  return folder;
}

const emptyHome = { HOME: "/nonexistent-home", PATH: "/usr/bin" };

describe("loadConfig", () => {
  it("reads Claude Desktop's mcpServers format with stdio and HTTP entries and our own keys", async () => {
    const cwd = await folderWith({
      "agente.json": JSON.stringify({
        mcpServers: {
          files: {
            command: "npx",
            args: ["-y", "@modelcontextprotocol/server-filesystem", "/data"],
            env: { A: "1" },
          },
          web: { url: "https://example.test/mcp", headers: { Authorization: "Bearer x" } },
          old: { type: "sse", url: "https://example.test/sse", disabled: true, timeoutMs: 5000 },
        },
        model: { provider: "ollama", name: "llama3.2:1b" },
      }),
    });
    const config = await loadConfig({ cwd, env: emptyHome });
    expect(config.file).toBe(join(cwd, "agente.json"));
    expect(config.servers.map((server) => [server.name, server.transport])).toEqual([
      ["files", "stdio"],
      ["web", "http"],
      ["old", "sse"],
    ]);
    expect(config.servers[2]).toMatchObject({ disabled: true, timeoutMs: 5000 });
    expect(config.servers[0]).toMatchObject({ timeoutMs: 60_000, env: { A: "1" } });
    expect(config.settings.model).toEqual({ provider: "ollama", name: "llama3.2:1b" });
  });

  it("reads VS Code's `servers` key and ignores comment keys", async () => {
    const cwd = await folderWith({
      "agente.json": JSON.stringify({
        "//": "team config",
        servers: { db: { type: "stdio", command: "pg", "//": "x" } },
      }),
    });
    const config = await loadConfig({ cwd, env: emptyHome });
    expect(config.servers.map((server) => server.name)).toEqual(["db"]);
    expect(config.settings).toEqual({});
  });

  it("fills ${VAR} and ${VAR:-default} from the environment over .env, and records unset ones", async () => {
    const cwd = await folderWith({
      ".env": "ODOO_URL=http://from-dotenv:8069\nODOO_DB=fromdotenv\n",
      "agente.json": JSON.stringify({
        mcpServers: {
          odoo: {
            command: "node",
            env: { URL: "${ODOO_URL}", DB: "${ODOO_DB}", USER: "${ODOO_USER:-admin}" },
          },
          maps: { command: "node", env: { KEY: "${env:GOOGLE_MAPS_API_KEY}" } },
        },
      }),
    });
    const config = await loadConfig({ cwd, env: { ...emptyHome, ODOO_DB: "fromenv" } });
    const [odoo, maps] = config.servers;
    expect(odoo).toMatchObject({
      env: { URL: "http://from-dotenv:8069", DB: "fromenv", USER: "admin" },
      missingVariables: [],
    });
    expect(maps?.missingVariables).toEqual(["GOOGLE_MAPS_API_KEY"]);
  });

  it("finds ~/.config/agente/agente.json when the folder has none, and --config wins over both", async () => {
    const home = await folderWith({
      ".config/agente/agente.json": JSON.stringify({ mcpServers: { a: { command: "a" } } }),
    });
    const cwd = await folderWith({ "other.json": JSON.stringify({ mcpServers: { b: { command: "b" } } }) });
    expect((await loadConfig({ cwd, env: { HOME: home } })).servers[0]?.name).toBe("a");
    expect((await loadConfig({ cwd, path: "other.json", env: { HOME: home } })).servers[0]?.name).toBe("b");
  });

  it("runs on the built-in memory server when there is no config file, and adds Odoo when ODOO_URL is set", async () => {
    const cwd = await folderWith({});
    const plain = await loadConfig({ cwd, env: emptyHome, builtin: builtinServer });
    expect(plain.file).toBeUndefined();
    expect(plain.servers.map((server) => server.name)).toEqual(["memory"]);
    expect(plain.servers[0]).toMatchObject({ command: process.execPath });
    const withOdoo = await loadConfig({
      cwd,
      builtin: builtinServer,
      env: { ...emptyHome, ODOO_URL: "http://odoo:8069", ODOO_API_KEY: "k" },
    });
    expect(withOdoo.servers.map((server) => server.name)).toEqual(["memory", "odoo"]);
    expect(withOdoo.servers[1]).toMatchObject({ env: { ODOO_URL: "http://odoo:8069", ODOO_API_KEY: "k" } });
  });

  it.each([
    ["{ not json", /agente\.json: is not valid JSON/],
    [JSON.stringify([1]), /must hold a JSON object/],
    [JSON.stringify({ mcpServers: { files: { args: [] } } }), /server "files", field "command": is required/],
    [
      JSON.stringify({ mcpServers: { files: { command: 42 } } }),
      /server "files", field "command": invalid input: expected string/,
    ],
    [
      JSON.stringify({ mcpServers: { web: { url: "not a url" } } }),
      /server "web", field "url": must be an http\(s\) URL/,
    ],
    [
      JSON.stringify({ mcpServers: { f: { command: "x", timeoutMs: -1 } } }),
      /server "f", field "timeoutMs": too small/,
    ],
    [JSON.stringify({ mcpServers: [] }), /field "mcpServers": must be an object/],
  ])("names the file, server and field of an invalid config: %s", async (text, expected) => {
    const cwd = await folderWith({ "agente.json": text });
    const error = await loadConfig({ cwd, env: emptyHome }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(expected);
    expect((error as Error).message).toContain(join(cwd, "agente.json"));
  });

  it("says when --config names a file that does not exist", async () => {
    const cwd = await folderWith({});
    await expect(loadConfig({ cwd, path: "missing.json", env: emptyHome })).rejects.toThrow(
      /missing\.json: does not exist/,
    );
  });
});
