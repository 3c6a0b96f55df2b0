/** Config mistakes caught by name: unknown keys anywhere, with the file and the closest known key; JSON errors with line:column. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAgentSettings } from "../../src/agent/agent-settings.js";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";
import { closestWord } from "../../src/util/closest-word.js";

const emptyHome = { HOME: "/nonexistent-home", PATH: "/usr/bin" };

async function configFolder(text: string): Promise<{ cwd: string; file: string }> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-typos-"));
  await writeFile(join(cwd, "agente.json"), text);
  return { cwd, file: join(cwd, "agente.json") };
}

async function loadError(text: string): Promise<{ message: string; file: string }> {
  const { cwd, file } = await configFolder(text);
  const error = await loadConfig({ cwd, env: emptyHome }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return { message: (error as Error).message, file };
}

describe("config typos", () => {
  it("a misspelt top-level mcpServer names the key, the file and mcpServers", async () => {
    const { message, file } = await loadError(JSON.stringify({ mcpServer: { x: { command: "x" } } }));
    expect(message).toBe(`${file}: unknown key "mcpServer"; did you mean "mcpServers"?`);
  });

  it("a misspelt requireAproval in a server names the server, the key and requireApproval", async () => {
    const { message, file } = await loadError(
      JSON.stringify({ mcpServers: { odoo: { command: "node", requireAproval: true } } }),
    );
    expect(message).toBe(
      `${file}: server "odoo": unknown key "requireAproval"; did you mean "requireApproval"?`,
    );
  });

  it("excludeTools in an HTTP entry suggests excludedTools", async () => {
    const { message } = await loadError(
      JSON.stringify({ mcpServers: { web: { url: "http://localhost:1/mcp", excludeTools: ["x"] } } }),
    );
    expect(message).toMatch(/server "web": unknown key "excludeTools"; did you mean "excludedTools"\?$/);
  });

  it("a key with nothing close lists the known keys", async () => {
    const { message } = await loadError(JSON.stringify({ colours: {} }));
    expect(message).toMatch(
      /unknown key "colours" \(known keys: mcpServers, servers, model, agent, toolRetrieval, mcpGateway, access, oidc, roots\)/,
    );
  });

  it("the mcpGateway and access sections are known keys", async () => {
    const { cwd } = await configFolder(JSON.stringify({ mcpGateway: { maxSessions: 5 }, access: {} }));
    const config = await loadConfig({ cwd, env: {} });
    expect(Object.keys(config.settings).sort()).toEqual(["access", "mcpGateway"]);
  });

  it("keys named // stay allowed as comments, at every level", async () => {
    const { cwd } = await configFolder(
      JSON.stringify({
        "//": "top",
        mcpServers: { a: { "//": "entry", command: "node" } },
        agent: { "//": "x" },
      }),
    );
    const config = await loadConfig({ cwd, env: emptyHome });
    expect(config.servers.map((server) => server.name)).toEqual(["a"]);
    expect(config.settings).toEqual({ agent: {} });
  });

  it("a JSON syntax error gives line and column", async () => {
    const { message } = await loadError('{\n  "mcpServers": {\n    "a": { "command": "x", }\n  }\n}');
    expect(message).toMatch(/is not valid JSON: .* at line 3, column 26: JSON allows none there, remove it$/);
  });

  it("a truncated file points at its end", async () => {
    const { message } = await loadError('{\n  "mcpServers": {');
    expect(message).toMatch(/is not valid JSON: .* at line 2, column 18$/);
  });

  it("a misspelt key inside model or agent names the file and the closest key", () => {
    expect(() =>
      resolveModelSettings({ flags: {}, env: {}, config: { nmae: "x" }, configFile: "/cfg/agente.json" }),
    ).toThrow('/cfg/agente.json: invalid config key model.nmae: unknown key "nmae"; did you mean "name"?');
    expect(() =>
      resolveAgentSettings({
        flags: {},
        config: { context: { enabeld: false } },
        configFile: "/cfg/agente.json",
      }),
    ).toThrow(
      '/cfg/agente.json: invalid config key agent.context.enabeld: unknown key "enabeld"; did you mean "enabled"?',
    );
  });

  it("closestWord ignores words that are not close", () => {
    expect(closestWord("requireAproval", ["requireApproval", "disabled"])).toBe("requireApproval");
    expect(closestWord("zzz", ["requireApproval", "disabled"])).toBeUndefined();
  });
});
