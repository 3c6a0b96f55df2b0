import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogueTools } from "../../src/eval/catalogue-tools.js";
import { expectedTools, parseScenarios } from "../../src/eval/scenario.js";
import { catalogueSchema } from "../../src/eval/servers/catalogue.js";

const EVAL = fileURLToPath(new URL("../../eval/", import.meta.url));
const shipped = parseScenarios(readFileSync(`${EVAL}scenarios/seed-domain.jsonl`, "utf8"));
const heldOut = parseScenarios(readFileSync(`${EVAL}scenarios/held-out.jsonl`, "utf8"));
const toolsByServer = new Map(
  ["core", "business", "office"].map((name) => [
    name,
    catalogueTools(catalogueSchema.parse(JSON.parse(readFileSync(`${EVAL}servers/${name}.json`, "utf8")))),
  ]),
);

describe("parseScenarios", () => {
  const line = (value: unknown) => JSON.stringify(value);
  const valid = { id: "a", lang: "es", message: "hola", servers: ["core"], expect: { noTool: true } };

  it("reads one scenario per line, skipping blank lines and // comments", () => {
    const scenarios = parseScenarios(
      `// comment\n${line(valid)}\n\n${line({ ...valid, id: "b", expect: { tool: "x", args: { n: { $regex: "^a" } } } })}\n`,
    );
    expect(scenarios.map((scenario) => scenario.id)).toEqual(["a", "b"]);
    expect(expectedTools(scenarios[0]!)).toBeUndefined();
    expect(expectedTools(scenarios[1]!)).toEqual(["x"]);
  });

  it("names the file, line and field of a bad scenario", () => {
    expect(() => parseScenarios(`${line(valid)}\n{"id": "b"`, "set.jsonl")).toThrow(
      "set.jsonl:2 is not valid JSON",
    );
    expect(() => parseScenarios(line({ ...valid, lang: "fr" }), "set.jsonl")).toThrow(/^set\.jsonl:1: lang /);
    expect(() => parseScenarios(line({ ...valid, servers: [] }), "set.jsonl")).toThrow(
      /set\.jsonl:1: servers/,
    );
    expect(() => parseScenarios(`${line(valid)}\n${line(valid)}`, "set.jsonl")).toThrow(
      "set.jsonl:2: duplicate scenario id a",
    );
    expect(() => parseScenarios("\n\n", "set.jsonl")).toThrow("set.jsonl has no scenarios");
  });
});

describe("the shipped scenario set", () => {
  it("has at least 60 scenarios in Spanish and English with 5, 20 and 60 tools connected", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(60);
    for (const lang of ["es", "en"])
      expect(shipped.filter((scenario) => scenario.lang === lang).length).toBeGreaterThanOrEqual(30);
    const toolCounts = shipped.map((scenario) =>
      scenario.servers.reduce((total, server) => total + (toolsByServer.get(server)?.length ?? 0), 0),
    );
    expect(new Set(toolCounts)).toEqual(new Set([5, 20, 60]));
    for (const count of [5, 20, 60])
      expect(toolCounts.filter((value) => value === count).length).toBeGreaterThanOrEqual(20);
    expect(shipped.filter((scenario) => !("tool" in scenario.expect)).length).toBeGreaterThanOrEqual(6);
  });

  it("expects only tools its servers offer, with arguments those tools declare (held-out set too)", () => {
    for (const scenario of [...shipped, ...heldOut]) {
      const tools = scenario.servers.flatMap((server) => toolsByServer.get(server) ?? []);
      for (const name of expectedTools(scenario) ?? []) {
        const tool = tools.find((candidate) => candidate.name === name);
        expect(tool, `${scenario.id}: ${name}`).toBeDefined();
        const args = "tool" in scenario.expect ? (scenario.expect.args ?? {}) : {};
        for (const argument of Object.keys(args))
          expect(Object.keys(tool?.inputSchema.properties ?? {}), `${scenario.id}: ${argument}`).toContain(
            argument,
          );
      }
    }
  });

  it("includes distractors: tools whose names share a word with the expected one", () => {
    const sixty = [...toolsByServer.values()].flat().map((tool) => tool.name);
    const distracted = shipped.filter((scenario) =>
      (expectedTools(scenario) ?? []).some((name) =>
        sixty.some(
          (other) =>
            other !== name &&
            other.split("_")[0] === name.split("_")[0] &&
            other.includes(name.split("_")[1] ?? "\u0000"),
        ),
      ),
    );
    expect(distracted.length).toBeGreaterThanOrEqual(10);
  });
});
