import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseServerEntry, type ServerConfig } from "../../src/config/server-config.js";
import { resolveServers, SHIPPED_CATALOGUES, serverNames } from "../../src/eval/eval-hub.js";
import { parseScenarios } from "../../src/eval/scenario.js";

function configured(name: string): ServerConfig {
  const parsed = parseServerEntry(name, { command: "node", args: ["server.js"] });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.config;
}

describe("resolveServers", () => {
  it("starts a fixture catalogue by name, and falls back to the configured server of that name", async () => {
    const configs = await resolveServers(["core", "memory"], {
      catalogueDirectories: [SHIPPED_CATALOGUES],
      configured: [configured("memory")],
    });
    expect(configs.map((config) => config.name)).toEqual(["core", "memory"]);
    const core = configs[0];
    expect(core?.transport === "stdio" && core.args.at(-1)).toBe(join(SHIPPED_CATALOGUES, "core.json"));
    expect(core?.transport === "stdio" && core.command).toBe(process.execPath);
    expect(configs[1]).toEqual(configured("memory"));
  });

  it("prefers a catalogue in an earlier directory, so a project can shadow the shipped ones", async () => {
    const directory = mkdtempSync(join(tmpdir(), "agente-catalogues-"));
    writeFileSync(join(directory, "core.json"), "{}");
    const [core] = await resolveServers(["core"], { catalogueDirectories: [directory, SHIPPED_CATALOGUES] });
    expect(core?.transport === "stdio" && core.args.at(-1)).toBe(join(directory, "core.json"));
  });

  it("lists each server a scenario file names once", () => {
    const scenarios = parseScenarios(
      [
        { id: "a", lang: "es", message: "x", servers: ["office", "core"], expect: { noTool: true } },
        { id: "b", lang: "en", message: "y", servers: ["core"], expect: { noTool: true } },
      ]
        .map((scenario) => JSON.stringify(scenario))
        .join("\n"),
    );
    expect(serverNames(scenarios)).toEqual(["core", "office"]);
  });
});
