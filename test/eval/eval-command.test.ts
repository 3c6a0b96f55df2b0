import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerEvalCommand } from "../../src/cli/commands/eval.js";
import type { EvalReport } from "../../src/eval/report.js";
import { parseScenarios } from "../../src/eval/scenario.js";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { oracleReply } from "./support/oracle.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SCENARIOS = join(REPO, "eval/scenarios/seed-domain.jsonl");

let standIn: ScriptedOllama | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await standIn?.close();
  standIn = undefined;
});

async function runCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const directory = mkdtempSync(join(tmpdir(), "agente-eval-"));
  const config = join(directory, "agente.json");
  writeFileSync(config, JSON.stringify({ mcpServers: {} }));
  const program = new Command("agente")
    .option("-c, --config <file>")
    .option("-v, --verbose", "", false)
    .option("--debug", "", false)
    .exitOverride();
  registerEvalCommand(program);
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(parts.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  await program.parseAsync(["node", "agente", "--config", config, "eval", ...args]);
  return { stdout: stdout.join("\n"), stderr: stderr.join("") };
}

describe("agente eval", () => {
  it("runs the shipped scenario set through the agent, Ollama's wire format and the fixture servers, and scores it", async () => {
    const scenarios = parseScenarios(readFileSync(SCENARIOS, "utf8"));
    standIn = await startScriptedOllama(
      oracleReply(scenarios, {
        "t05-es-02": "bad-json-first",
        "t20-es-01": "repeat-call",
        "t60-en-13": "wrong-tool",
      }),
      { promptTokens: "estimate" },
    );
    const { stdout, stderr } = await runCli([
      SCENARIOS,
      "--provider",
      "ollama",
      "--base-url",
      standIn.url,
      "--json",
    ]);
    const report = JSON.parse(stdout) as EvalReport;

    expect(report.provider).toBe("ollama");
    expect(report.ranker).toBe("lexical");
    expect(report.summary.scenarios).toBe(72);
    expect(report.groups.map((group) => [group.group, group.summary.scenarios])).toEqual([
      ["5 tools", 24],
      ["20 tools", 24],
      ["60 tools", 24],
      ["es", 36],
      ["en", 36],
    ]);
    // Only the scenario told to pick the wrong tool misses, and its arguments count as wrong with it.
    const failed = report.scenarios.filter((score) => !score.toolCorrect).map((score) => score.id);
    expect(failed).toEqual(["t60-en-13"]);
    expect(report.scenarios.find((score) => score.id === "t60-en-13")?.argsCorrect).toBe(false);
    expect(report.scenarios.filter((score) => score.argsCorrect === false)).toHaveLength(1);
    // Facts in the canned results reach the answers, except where the wrong tool gave other facts.
    const wrongAnswers = report.scenarios
      .filter((score) => score.answerCorrect === false)
      .map((score) => score.id);
    expect(wrongAnswers).toEqual(["t60-en-13"]);
    // Exactly one invalid step (the bad JSON), corrected; exactly one loop-guard hit.
    const calls = report.scenarios.reduce((total, score) => total + score.modelCalls, 0);
    expect(report.scenarios.filter((score) => score.invalidSteps > 0).map((score) => score.id)).toEqual([
      "t05-es-02",
    ]);
    expect(report.summary.schemaValidStepRate).toBeCloseTo((calls - 1) / calls, 10);
    expect(report.scenarios.find((score) => score.id === "t05-es-02")?.invalidSteps).toBe(1);
    expect(report.summary.loopGuardHits).toBe(1);
    expect(report.scenarios.find((score) => score.id === "t20-es-01")?.loopGuardHits).toBe(1);
    expect(report.summary.unfinishedTurns).toBe(0);
    // Tool retrieval: 60 tools do not fit the default budget, and the right tool was offered every time.
    expect(report.summary.retrievalRecall).toBe(1);
    const sixty = report.scenarios.filter((score) => score.toolCount === 60);
    expect(sixty.every((score) => score.offeredCount < 60)).toBe(true);
    expect(
      report.scenarios.filter((score) => score.toolCount === 5).every((score) => score.offeredCount === 5),
    ).toBe(true);
    // Tokens are the provider's counts, not estimates.
    expect(report.scenarios.every((score) => !score.tokensEstimated && score.promptTokens > 0)).toBe(true);
    expect(stderr).toContain("[72/72]");

    // What went over the wire: the action schema only names the offered tools.
    const sixtyToolRequest = standIn
      .chats()
      .find((body) => body.messages[1]?.content === "What's the weather like in Bilbao?");
    const format = sixtyToolRequest?.format as
      | { anyOf: Array<{ properties: { herramienta_llamada?: { const: string } } }> }
      | undefined;
    const names = (format?.anyOf ?? [])
      .map((alternative) => alternative.properties.herramienta_llamada?.const)
      .filter((name) => name !== undefined);
    expect(names).toContain("get_weather");
    expect(names.length).toBeLessThan(60);
  }, 180_000);

  it("prints a table by default and can run without retrieval on a filtered subset", async () => {
    const scenarios = parseScenarios(readFileSync(SCENARIOS, "utf8"));
    standIn = await startScriptedOllama(oracleReply(scenarios), { promptTokens: "estimate" });
    const { stdout } = await runCli([
      SCENARIOS,
      "--base-url",
      standIn.url,
      "--ranker",
      "none",
      "--filter",
      "^t60-es-0[12]$",
    ]);
    expect(stdout).toContain("tool retrieval: none");
    expect(stdout).toMatch(/t60-es-01\s+es\s+60\s+60\s+list_directory\s+list_directory\s+ok/);
    expect(stdout).toMatch(/^all\s+2\s+100\.0%/m);
  }, 120_000);

  it("traces which tools each scenario was offered and why, then the turn's events", async () => {
    const scenarios = parseScenarios(readFileSync(SCENARIOS, "utf8"));
    standIn = await startScriptedOllama(oracleReply(scenarios), { promptTokens: "estimate" });
    const trace = join(mkdtempSync(join(tmpdir(), "agente-eval-")), "trace.jsonl");
    const { stderr } = await runCli([
      SCENARIOS,
      "--base-url",
      standIn.url,
      "--filter",
      "^t60-en-13$",
      "--trace",
      trace,
      "--verbose",
    ]);
    const lines = readFileSync(trace, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: "eval_scenario", id: "t60-en-13" });
    const offered = lines[0]?.offered as Array<{ name: string; why: string }>;
    expect(offered[0]).toMatchObject({
      name: "get_weather",
      why: expect.stringMatching(/^lexical: matched: .*weather/),
    });
    expect(offered.length).toBeLessThan(60);
    expect(lines.slice(1).map((line) => line.type)).toContain("turn_start");
    expect(stderr).toMatch(/offered \d+\/60: get_weather \(lexical: matched/);
  }, 120_000);

  it("refuses a scenario that names a server that is neither a catalogue nor configured", async () => {
    const directory = mkdtempSync(join(tmpdir(), "agente-eval-"));
    const file = join(directory, "one.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ id: "x", lang: "en", message: "hi", servers: ["nowhere"], expect: { noTool: true } })}\n`,
    );
    await expect(runCli([file])).rejects.toThrow(
      /scenario server "nowhere" is neither a fixture catalogue nor a configured server/,
    );
  });

  it.skipIf(!existsSync(TINY_GGUF))(
    "runs on the embedded llama.cpp engine with the tiny random-weight GGUF: every step is schema-valid",
    async () => {
      const { stdout } = await runCli([
        SCENARIOS,
        "--provider",
        "llama-cpp",
        "--gguf",
        TINY_GGUF,
        "--max-steps",
        "3",
        "--filter",
        "^(t05-es-01|t20-en-13|t60-en-13)$",
        "--json",
      ]);
      const report = JSON.parse(stdout) as EvalReport;
      expect(report.provider).toBe("llama-cpp");
      expect(report.summary.scenarios).toBe(3);
      // Random weights: accuracy is chance, but constrained decoding must never emit an invalid step.
      expect(report.summary.schemaValidStepRate).toBe(1);
      expect(report.scenarios.every((score) => score.invalidSteps === 0 && score.modelCalls >= 1)).toBe(true);
      expect(report.scenarios.every((score) => score.modelCalls <= 3)).toBe(true);
      expect(report.scenarios.find((score) => score.id === "t60-en-13")?.offeredCount).toBeLessThan(60);
    },
    240_000,
  );
});
